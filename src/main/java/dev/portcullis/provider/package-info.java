/**
 * Providers: one spec per provider (OpenAI-compatible rows, and native specs in their own folders with their
 * adapters), the target a call is sent to, the adapter and codec interfaces native providers implement, and the
 * pieces they share (server-sent-event splitting, base URL templates, unsupported parameters, error reading).
 */
package dev.portcullis.provider;
