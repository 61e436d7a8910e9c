// The official OpenAI Node SDK calling a Claude model: the gateway translates to Anthropic's Messages API, and the
// mock upstream behind it answers in Anthropic's format (JSON and its event stream).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { GATEWAY_KEY, GATEWAY_URL, MOCK_TEXT, QUESTION, WEATHER_TOOL } from './gateway-env.mjs';

const client = new OpenAI({ baseURL: GATEWAY_URL, apiKey: GATEWAY_KEY, maxRetries: 0 });
/** Through the virtual key NodeClientsClientIT creates: Anthropic's wire, at the mock. */
const CLAUDE = '@claude/claude-sonnet-4-5';

test('a Claude answer arrives as an OpenAI chat completion with usage', async () => {
  const completion = await client.chat.completions.create({ model: CLAUDE, messages: QUESTION, max_tokens: 200 });

  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.equal(completion.choices[0].message.content, MOCK_TEXT);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.ok(completion.usage.prompt_tokens > 0);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);
});

test('a streamed Claude answer arrives as OpenAI chunks, then usage', async () => {
  const stream = await client.chat.completions.create({
    model: CLAUDE, messages: QUESTION, stream: true, stream_options: { include_usage: true },
  });
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }

  const choices = chunks.flatMap((chunk) => chunk.choices);
  assert.equal(choices.map((choice) => choice.delta.content ?? '').join(''), MOCK_TEXT);
  assert.deepEqual(choices.map((choice) => choice.finish_reason).filter(Boolean), ['stop']);
  assert.deepEqual(chunks.at(-1).choices, []);
  assert.ok(chunks.at(-1).usage.completion_tokens > 0);
});

test('a streamed Claude tool call is rebuilt whole by the SDK', async () => {
  const stream = client.chat.completions.stream({ model: CLAUDE, messages: QUESTION, tools: [WEATHER_TOOL] });
  const completion = await stream.finalChatCompletion();

  const [call] = completion.choices[0].message.tool_calls;
  assert.equal(call.type, 'function');
  assert.equal(call.function.name, 'get_weather');
  assert.equal(typeof JSON.parse(call.function.arguments), 'object');
  assert.match(call.id, /^toolu_/);
  assert.equal(completion.choices[0].finish_reason, 'tool_calls');
});
