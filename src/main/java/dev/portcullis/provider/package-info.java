/**
 * Providers: the table of rows (OpenAI-compatible and native, as data), the adapter and codec interfaces native
 * providers implement, and the pieces they share (server-sent-event splitting, base URL templates, unsupported
 * parameters, error reading).
 */
package dev.portcullis.provider;
