/**
 * An in-process HTTP server that answers like the OpenAI API (and like Gemini's on Gemini and Vertex AI paths),
 * driven by options and {@code x-mock-*} headers, so tests, benchmarks and first-time users have an upstream without
 * a provider key.
 */
package dev.portcullis.mock;
