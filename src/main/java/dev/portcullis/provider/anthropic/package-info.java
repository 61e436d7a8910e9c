/**
 * Anthropic's Messages API as a provider: OpenAI chat translated to and from Messages requests, answers and event
 * streams, directly at api.anthropic.com or through Vertex AI's rawPredict.
 */
package dev.portcullis.provider.anthropic;
