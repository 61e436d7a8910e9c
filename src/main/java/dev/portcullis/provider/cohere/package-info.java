/**
 * Cohere's native v2 API: chat (with tools, images and streaming), embeddings and rerank translated between the
 * gateway's OpenAI-shaped model and Cohere's wire format.
 */
package dev.portcullis.provider.cohere;
