import Portkey, { PORTKEY_GATEWAY_URL, createHeaders } from 'portkey-ai';
import OpenAI from 'openai';

export const portkey = new Portkey({
  apiKey: process.env.PORTKEY_API_KEY,
  virtualKey: 'azure-eu',
});

export const inline = new Portkey({ apiKey: process.env.PORTKEY_API_KEY, config: 'pc-loadbal-77aa' });

export const openai = new OpenAI({
  apiKey: 'unused',
  baseURL: PORTKEY_GATEWAY_URL,
  defaultHeaders: createHeaders({ provider: 'openai', apiKey: process.env.PORTKEY_API_KEY }),
});

export async function greet(name: string) {
  const res = await fetch('https://api.portkey.ai/v1/chat/completions', {
    method: 'POST',
    headers: { 'x-portkey-api-key': process.env.PORTKEY_API_KEY ?? '', 'x-portkey-virtual-key': 'openai-prod' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Hello ${name}` }] }),
  });
  return res.json();
}
