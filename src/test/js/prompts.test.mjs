// The Portkey Node SDK's prompt API, unchanged, against the gateway's prompt library. NodeClientsClientIT creates
// the prompt 'greeting' (a chat prompt sent to openai/gpt-4o-mini, which the mock answers) before these run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Portkey } from 'portkey-ai';
import { GATEWAY_KEY, GATEWAY_URL, MOCK_TEXT } from './gateway-env.mjs';

const portkey = new Portkey({ baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY });

test('portkey prompts.render answers the rendered chat request', async () => {
  const rendered = await portkey.prompts.render({ promptID: 'greeting', variables: { name: 'Ada' } });

  assert.equal(rendered.success, true);
  assert.equal(rendered.data.model, 'openai/gpt-4o-mini');
  assert.deepEqual(rendered.data.messages, [{ role: 'user', content: 'Say hello to Ada & friends' }]);
});

test('portkey prompts.completions.create runs the prompt through the gateway', async () => {
  const completion = await portkey.prompts.completions.create({ promptID: 'greeting', variables: { name: 'Ada' } });

  assert.equal(completion.choices[0].message.content, MOCK_TEXT);
  assert.equal(completion.model, 'gpt-4o-mini');
});

test('portkey prompts.completions.create streams when asked', async () => {
  const stream = await portkey.prompts.completions.create({
    promptID: 'greeting@production', variables: { name: 'Ada' }, stream: true,
  });
  const parts = [];
  for await (const chunk of stream) {
    parts.push(...chunk.choices.map((choice) => choice.delta.content ?? ''));
  }

  assert.equal(parts.join(''), MOCK_TEXT);
});
