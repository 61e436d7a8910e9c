// The official OpenAI Node SDK, given only the gateway's base URL and a gateway key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { GATEWAY_KEY, GATEWAY_URL, MOCK_TEXT, QUESTION, WEATHER_TOOL } from './gateway-env.mjs';

const client = new OpenAI({ baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY, maxRetries: 0 });

async function rejection(promise) {
  return promise.then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (error) => error,
  );
}

test('chat completion carries the provider message and usage', async () => {
  const completion = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: QUESTION });

  assert.equal(completion.model, 'gpt-4o-mini');
  assert.equal(completion.choices.length, 1);
  assert.equal(completion.choices[0].message.content, MOCK_TEXT);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.equal(completion.usage.completion_tokens, 5);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + 5);
});

test('streaming chat delivers every delta, then the finish reason, then usage', async () => {
  const stream = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini', messages: QUESTION, stream: true, stream_options: { include_usage: true },
  });
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }

  const choices = chunks.flatMap((chunk) => chunk.choices);
  assert.equal(choices.map((choice) => choice.delta.content ?? '').join(''), MOCK_TEXT);
  assert.deepEqual(choices.map((choice) => choice.finish_reason).filter(Boolean), ['stop']);
  const last = chunks.at(-1);
  assert.deepEqual(last.choices, []);
  assert.equal(last.usage.completion_tokens, 5);
});

test('tool call passes through with its name and parseable arguments', async () => {
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o', messages: QUESTION, tools: [WEATHER_TOOL],
  });

  const choice = completion.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  const [call] = choice.message.tool_calls;
  assert.equal(call.type, 'function');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { location: 'Paris' });
});

test('streamed tool call arguments reassemble into parseable JSON', async () => {
  const stream = await client.chat.completions.create({
    model: 'openai/gpt-4o', messages: QUESTION, tools: [WEATHER_TOOL], stream: true,
  });
  let name = '';
  const pieces = [];
  const reasons = [];
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      for (const call of choice.delta.tool_calls ?? []) {
        name += call.function?.name ?? '';
        if (call.function?.arguments) {
          pieces.push(call.function.arguments);
        }
      }
      if (choice.finish_reason) {
        reasons.push(choice.finish_reason);
      }
    }
  }

  assert.equal(name, 'get_weather');
  assert.ok(pieces.length > 1, `arguments split over several chunks, got ${JSON.stringify(pieces)}`);
  assert.deepEqual(JSON.parse(pieces.join('')), { location: 'Paris' });
  assert.deepEqual(reasons, ['tool_calls']);
});

test('embeddings answer one vector per input, in order', async () => {
  const input = ['first', 'second', 'third'];
  const response = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input });

  assert.deepEqual(response.data.map((item) => item.index), [0, 1, 2]);
  for (const item of response.data) {
    assert.ok(item.embedding.length > 0, `embedding ${item.index} is empty`);
  }
});

test('models list comes from the configured provider', async () => {
  const ids = [];
  for await (const model of client.models.list()) {
    ids.push(model.id);
  }

  assert.ok(ids.includes('gpt-4o-mini'), `models: ${ids.join(', ')}`);
});

test('wrong gateway key surfaces as AuthenticationError with the gateway message', async () => {
  const stranger = new OpenAI({ baseURL: GATEWAY_URL, apiKey: 'pcl-not-a-key-of-this-gateway', maxRetries: 0 });

  const error = await rejection(stranger.chat.completions.create({ model: 'openai/gpt-4o', messages: QUESTION }));

  assert.ok(error instanceof OpenAI.AuthenticationError, `got ${error}`);
  assert.equal(error.status, 401);
  assert.equal(error.type, 'authentication_error');
  assert.match(error.message, /^401 gateway API key not recognised/);
});

test('provider without credentials surfaces as BadRequestError with the gateway message', async () => {
  const error = await rejection(client.chat.completions.create({ model: 'groq/x', messages: QUESTION }));

  assert.ok(error instanceof OpenAI.BadRequestError, `got ${error}`);
  assert.equal(error.status, 400);
  assert.equal(error.param, 'model');
  assert.match(error.message, /^400 model: 'groq\/x' names provider 'groq', which has no server-held credentials/);
});

test('provider rate limit passes through as RateLimitError', async () => {
  const error = await rejection(client.chat.completions.create(
    { model: 'openai/gpt-4o', messages: QUESTION },
    {
      headers: {
        'x-portkey-forward-headers': 'x-mock-status,x-mock-error-message',
        'x-mock-status': '429',
        'x-mock-error-message': 'Rate limit reached for gpt-4o on requests per min',
      },
    },
  ));

  assert.ok(error instanceof OpenAI.RateLimitError, `got ${error}`);
  assert.equal(error.status, 429);
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.equal(error.message, '429 Rate limit reached for gpt-4o on requests per min');
});
