from portkey_ai import Portkey

client = Portkey(api_key="pk-ignored")
