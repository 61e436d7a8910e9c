/**
 * Vertex AI: Gemini models through Google Cloud projects, authorized with OAuth access tokens minted from a service
 * account key (or given ready-made), with Vertex's own URL layout and embeddings method.
 */
package dev.portcullis.provider.vertex;
