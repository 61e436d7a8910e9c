/**
 * The Anthropic Messages dialect ({@code POST /v1/messages}): Anthropic request, message, event-stream and error JSON
 * read into and written from the canonical chat model, so Anthropic clients can call any provider.
 */
package dev.portcullis.api.anthropic;
