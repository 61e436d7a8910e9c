BASE = "https://api.portkey.ai/v1"
