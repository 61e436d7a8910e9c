import os

from portkey_ai import Portkey, PORTKEY_GATEWAY_URL, createHeaders
from openai import OpenAI

portkey = Portkey(
    api_key=os.environ["PORTKEY_API_KEY"],
    virtual_key="openai-prod",
    config="pc-fallback-1a2b3c",
)

quick = Portkey(api_key=os.environ["PORTKEY_API_KEY"])

openai_client = OpenAI(
    api_key="not-used",
    base_url=PORTKEY_GATEWAY_URL,
    default_headers=createHeaders(provider="openai", api_key=os.environ["PORTKEY_API_KEY"]),
)


def ask(question):
    return portkey.chat.completions.create(
        model="@anthropic-main/claude-sonnet-4-5",
        messages=[{"role": "user", "content": question}],
    )


def summarise(text):
    return portkey.prompts.completions.create(prompt_id="pp-summarise-9f8e", variables={"text": text})
