from portkey_ai import Portkey

client = Portkey(base_url="https://api.portkey.ai/v1", api_key="pk-kept")
