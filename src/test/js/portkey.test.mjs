// The Portkey Node SDK in passthrough mode: the caller's provider key in Authorization, the mock as custom host,
// the gateway key as Portkey API key. Portkey users switch by changing only the base URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Portkey } from 'portkey-ai';
import { GATEWAY_KEY, GATEWAY_URL, MOCK_TEXT, MOCK_URL, PROVIDER_KEY, QUESTION } from './gateway-env.mjs';

const portkey = new Portkey({
  baseURL: GATEWAY_URL,
  apiKey: GATEWAY_KEY,
  provider: 'openai',
  Authorization: `Bearer ${PROVIDER_KEY}`,
  customHost: MOCK_URL,
});

test('portkey chat completion is answered by the custom host', async () => {
  const completion = await portkey.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION });

  assert.equal(completion.model, 'gpt-4o-mini');
  assert.equal(completion.choices[0].message.content, MOCK_TEXT);
  assert.equal(completion.usage.completion_tokens, 5);
  assert.equal(completion.getHeaders().provider, 'openai');
});

test('portkey streaming chat delivers every delta then stops', async () => {
  const stream = await portkey.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true });
  const choices = [];
  for await (const chunk of stream) {
    choices.push(...chunk.choices);
  }

  assert.equal(choices.map((choice) => choice.delta.content ?? '').join(''), MOCK_TEXT);
  assert.deepEqual(choices.map((choice) => choice.finish_reason).filter(Boolean), ['stop']);
});
