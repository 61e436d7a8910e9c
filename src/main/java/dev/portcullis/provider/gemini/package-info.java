/**
 * Google's Gemini API (AI Studio): chat translated to and from {@code generateContent} and its server-sent-event
 * stream, embeddings through {@code embedContent}, and Google's error shape; the chat codec also serves Gemini on
 * Vertex AI, which differs only in URL and credentials.
 */
package dev.portcullis.provider.gemini;
