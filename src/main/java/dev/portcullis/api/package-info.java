/**
 * Inbound dialects: what a client sends (Portkey-compatible headers, OpenAI or Anthropic bodies) read into gateway
 * terms, and the interfaces each client format implements to write answers back.
 */
package dev.portcullis.api;
