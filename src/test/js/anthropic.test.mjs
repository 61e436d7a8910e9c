// The official Anthropic TypeScript SDK, given only the gateway's base URL and a gateway key, calling an
// OpenAI-format provider (the mock upstream) through the gateway's /v1/messages translation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GATEWAY_KEY, GATEWAY_URL, MOCK_TEXT } from './gateway-env.mjs';

// The SDK appends /v1/messages to its base URL, so it gets the gateway's root.
const client = new Anthropic({ baseURL: GATEWAY_URL.replace(/\/v1$/, ''), apiKey: GATEWAY_KEY, maxRetries: 0 });

const QUESTION = [{ role: 'user', content: 'What is the weather in Paris?' }];
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

test('messages.create answers with a text block, end_turn and usage', async () => {
  const message = await client.messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 256, messages: QUESTION });

  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.match(message.id, /^msg_/);
  assert.equal(message.model, 'gpt-4o-mini');
  assert.deepEqual(message.content, [{ type: 'text', text: MOCK_TEXT }]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.output_tokens, 5);
  assert.ok(message.usage.input_tokens > 0, `input tokens counted, got ${message.usage.input_tokens}`);
});

test('messages.stream delivers the text and a final message with usage', async () => {
  const stream = client.messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 256, messages: QUESTION });
  let text = '';
  stream.on('text', (delta) => {
    text += delta;
  });
  const message = await stream.finalMessage();

  assert.equal(text, MOCK_TEXT);
  assert.deepEqual(message.content, [{ type: 'text', text: MOCK_TEXT }]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.output_tokens, 5);
  assert.ok(message.usage.input_tokens > 0, `input tokens from message_delta, got ${message.usage.input_tokens}`);
});

test('messages.stream reassembles a tool_use input from input_json deltas', async () => {
  const stream = client.messages.stream({
    model: 'openai/gpt-4o', max_tokens: 256, messages: QUESTION, tools: [WEATHER_TOOL],
  });
  const pieces = [];
  stream.on('inputJson', (partial) => {
    pieces.push(partial);
  });
  const message = await stream.finalMessage();

  assert.equal(message.stop_reason, 'tool_use');
  const [block] = message.content;
  assert.equal(block.type, 'tool_use');
  assert.equal(block.name, 'get_weather');
  assert.deepEqual(block.input, { location: 'Paris' });
  assert.ok(pieces.length > 1, `input split over several deltas, got ${JSON.stringify(pieces)}`);
});

test('a tool use round trip: tool_use answered with tool_result gets the final text', async () => {
  const first = await client.messages.create({
    model: 'openai/gpt-4o', max_tokens: 256, messages: QUESTION, tools: [WEATHER_TOOL],
  });
  const call = first.content.find((block) => block.type === 'tool_use');
  assert.ok(call, `a tool_use block, got ${JSON.stringify(first.content)}`);
  assert.match(call.id, /\S/);

  const second = await client.messages.create({
    model: 'openai/gpt-4o-mini',
    max_tokens: 256,
    messages: [
      ...QUESTION,
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '15 degrees and sunny' }] },
    ],
  });

  assert.equal(second.stop_reason, 'end_turn');
  assert.deepEqual(second.content, [{ type: 'text', text: MOCK_TEXT }]);
});

test('a request without max_tokens is a 400 in Anthropic error shape', async () => {
  const error = await client.messages.create({ model: 'openai/gpt-4o-mini', messages: QUESTION }).then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (e) => e,
  );

  assert.ok(error instanceof Anthropic.BadRequestError, `a BadRequestError, got ${error}`);
  assert.equal(error.status, 400);
  assert.equal(error.error.type, 'error');
  assert.equal(error.error.error.type, 'invalid_request_error');
  assert.match(error.error.error.message, /max_tokens/);
});
