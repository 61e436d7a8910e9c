/**
 * An in-process HTTP server that answers like the OpenAI API (and like Anthropic's Messages API on
 * {@code /v1/messages}), driven by options and {@code x-mock-*} headers, so tests, benchmarks and first-time users
 * have an upstream without a provider key.
 */
package dev.portcullis.mock;
