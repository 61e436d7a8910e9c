/** Inbound dialects: what a client sends (Portkey-compatible headers, OpenAI bodies) read into gateway terms. */
package dev.portcullis.api;
