package dev.portcullis.alert;

import java.util.List;

/**
 * What a caller asks for when creating or changing a webhook; on a change, a null field keeps the stored value.
 *
 * @param events patterns, null for the default {@code ["*"]} (or, on a change, the stored ones)
 * @param format {@code json} or {@code slack}, null for {@code json} (or the stored one)
 * @param secret the HMAC key for signatures; required on create
 */
public record WebhookDraft(String url, List<String> events, String format, String secret) {}
