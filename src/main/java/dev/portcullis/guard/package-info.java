/**
 * Guardrails: one class per check (PII, secrets, regex, keywords, JSON, counts, URLs, model and metadata rules,
 * prompt injection, webhook), Portkey's hook syntax parsed into guardrails, their verdicts and {@code hook_results},
 * redaction with per-request tags, on whole texts and on streams.
 */
package dev.portcullis.guard;
