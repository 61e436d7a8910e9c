/**
 * An in-process HTTP server that answers like the OpenAI API (also on Azure OpenAI's paths), Anthropic's Messages
 * API, Gemini's model methods (on Gemini API and Vertex AI paths), Bedrock's Converse and InvokeModel, and Cohere's
 * v2 chat, embed and rerank, driven by options and {@code x-mock-*} headers, so tests, benchmarks and first-time users
 * have an upstream without a provider key.
 */
package dev.portcullis.mock;
