// Where the gateway under test is, as NodeClientsClientIT passes it. A missing variable fails every test that
// imports this module, so a run outside the harness cannot pass by doing nothing.

function required(name, meaning) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name}: missing (expected: ${meaning}; NodeClientsClientIT sets it)`);
  }
  return value;
}

/** The gateway's OpenAI base URL, e.g. http://127.0.0.1:40123/v1 */
export const GATEWAY_URL = required('GATEWAY_URL', "the gateway's /v1 base URL");
/** A gateway API key that may call inference routes. */
export const GATEWAY_KEY = required('GATEWAY_KEY', 'a gateway API key');
/** The mock provider's OpenAI base URL, for Portkey-style passthrough with a custom host. */
export const MOCK_URL = required('MOCK_URL', "the mock upstream's /v1 base URL");
/** The caller's own provider key for passthrough; the harness checks the mock received it. */
export const PROVIDER_KEY = required('PROVIDER_KEY', 'a provider key for Portkey passthrough');

/** What the mock upstream generates with its default five chunks. */
export const MOCK_TEXT = 'This is a mock response';

export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

export const QUESTION = [{ role: 'user', content: 'What is the weather in Paris?' }];
