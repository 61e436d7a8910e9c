/**
 * Operator reports built from the request log, the audit trail and the settings: the CISO security report (PDF), the
 * register of AI systems and their EU AI Act documentation (Markdown, JSON, PDF).
 */
package dev.portcullis.report;
