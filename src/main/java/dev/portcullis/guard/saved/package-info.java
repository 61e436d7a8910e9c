/** Saved guardrails: versioned rows, their admin service (validated, audited) and the request path's cache. */
package dev.portcullis.guard.saved;
