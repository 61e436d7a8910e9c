/**
 * OpenTelemetry traces of calls: a request listener that makes one server span per call and one client span per
 * provider attempt, with the GenAI semantic conventions, exported over OTLP/HTTP in batches off the event loop.
 */
package dev.portcullis.observe.trace;
