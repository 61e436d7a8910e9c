// Guardrail answers through the real SDKs: 246 is a success whose hook_results the caller can read, 446 an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { Portkey } from 'portkey-ai';
import { GATEWAY_KEY, GATEWAY_URL, QUESTION } from './gateway-env.mjs';

const FLAG = { provider: 'openai', output_guardrails: [{ 'portcullis.keywords': { words: ['mock'] } }] };
const DENY = {
  provider: 'openai',
  before_request_hooks: [{
    type: 'guardrail', id: 'no-weather', deny: true,
    checks: [{ id: 'default.contains', parameters: { words: ['weather'], operator: 'none' } }],
  }],
};

function openai(config) {
  return new OpenAI({
    baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY, maxRetries: 0,
    defaultHeaders: { 'x-portkey-config': JSON.stringify(config) },
  });
}

test('openai reads a 246 as a success with hook_results', async () => {
  const { data, response } = await openai(FLAG).chat.completions
    .create({ model: 'gpt-4o-mini', messages: QUESTION }).withResponse();

  assert.equal(response.status, 246);
  assert.ok(data.choices[0].message.content.length > 0);
  assert.equal(data.hook_results.after_request_hooks[0].verdict, false);
});

test('openai reads a 446 as an error naming the guardrail', async () => {
  const error = await openai(DENY).chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION }).then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (e) => e,
  );

  assert.equal(error.status, 446);
  assert.equal(error.error.type, 'hooks_failed');
});

test('portkey reads a 246 as a success with hook_results', async () => {
  const portkey = new Portkey({
    baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY, config: FLAG,
  });
  const completion = await portkey.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION });

  assert.ok(completion.choices[0].message.content.length > 0);
  assert.equal(completion.hook_results.after_request_hooks[0].verdict, false);
});

test('portkey reads a 446 as an error', async () => {
  const portkey = new Portkey({
    baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY, config: DENY,
  });
  const error = await portkey.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION }).then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (e) => e,
  );

  assert.equal(error.status, 446);
});
