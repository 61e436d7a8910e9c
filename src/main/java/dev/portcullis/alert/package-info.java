/**
 * Alerts (from policy alert rules, anomaly detectors and budgets past their soft limit), stored once and delivered
 * to webhooks through a durable outbox, signed and retried.
 */
package dev.portcullis.alert;
