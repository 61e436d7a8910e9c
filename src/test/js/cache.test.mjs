// The response cache through the official OpenAI and Anthropic Node SDKs: an answer stored from a whole call is
// replayed to a streaming call of the same SDK as a stream the SDK reads like any other, usage included.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GATEWAY_KEY, GATEWAY_URL, MOCK_TEXT } from './gateway-env.mjs';

const CONFIG = JSON.stringify({ cache: { mode: 'simple', max_age: 600 } });
const QUESTION = [{ role: 'user', content: 'What is a portcullis?' }];

/** Headers turning the cache on, in a namespace of this run only, so no earlier run's answer is found. */
function cached() {
  return { 'x-portkey-config': CONFIG, 'x-portkey-cache-namespace': `node-${randomUUID()}` };
}

test('openai: a streaming call is replayed from the cache with its usage chunk', async () => {
  const client = new OpenAI({ baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY, maxRetries: 0, defaultHeaders: cached() });
  const { data: whole, response: first } = await client.chat.completions
    .create({ model: 'openai/gpt-4o-mini', messages: QUESTION }).withResponse();
  assert.equal(first.headers.get('x-portkey-cache-status'), 'MISS');

  const { data: stream, response } = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini', messages: QUESTION, stream: true, stream_options: { include_usage: true },
  }).withResponse();
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }

  assert.equal(response.headers.get('x-portkey-cache-status'), 'HIT');
  const choices = chunks.flatMap((chunk) => chunk.choices);
  assert.equal(choices.map((choice) => choice.delta.content ?? '').join(''), MOCK_TEXT);
  assert.deepEqual(choices.map((choice) => choice.finish_reason).filter(Boolean), ['stop']);
  assert.equal(chunks[0].id, whole.id);
  assert.deepEqual(chunks.at(-1).choices, []);
  assert.deepEqual(chunks.at(-1).usage, whole.usage);
});

test('anthropic: a streaming call is replayed from the cache as Anthropic events with usage', async () => {
  const client = new Anthropic({
    baseURL: GATEWAY_URL.replace(/\/v1$/, ''), apiKey: GATEWAY_KEY, maxRetries: 0, defaultHeaders: cached(),
  });
  const { data: whole, response: first } = await client.messages
    .create({ model: 'openai/gpt-4o-mini', max_tokens: 256, messages: QUESTION }).withResponse();
  assert.equal(first.headers.get('x-portkey-cache-status'), 'MISS');

  const { data: events, response } = await client.messages
    .create({ model: 'openai/gpt-4o-mini', max_tokens: 256, messages: QUESTION, stream: true }).withResponse();
  let text = '';
  const types = [];
  let usage = {};
  for await (const event of events) {
    types.push(event.type);
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      text += event.delta.text;
    } else if (event.type === 'message_start') {
      usage = { ...event.message.usage };
    } else if (event.type === 'message_delta') {
      usage = { ...usage, ...event.usage };
    }
  }

  assert.equal(response.headers.get('x-portkey-cache-status'), 'HIT');
  assert.equal(text, MOCK_TEXT);
  assert.equal(text, whole.content[0].text);
  assert.equal(types[0], 'message_start');
  assert.equal(types.at(-1), 'message_stop');
  assert.equal(usage.output_tokens, whole.usage.output_tokens);
  assert.equal(usage.input_tokens, whole.usage.input_tokens);
});
