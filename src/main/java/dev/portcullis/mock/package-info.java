/**
 * An in-process HTTP server that answers like the OpenAI API (and Gemini's, on its paths), driven by options and {@code x-mock-*} headers, so
 * tests, benchmarks and first-time users have an upstream without a provider key.
 */
package dev.portcullis.mock;
