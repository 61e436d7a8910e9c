package dev.portcullis.observe;

/**
 * One request log row with the bodies a policy rule kept for it (as stored: redacted when the rule redacts), each
 * null when none was kept or it has been pruned.
 */
public record LoggedRequest(RequestRecord record, String requestBody, String responseBody) {}
