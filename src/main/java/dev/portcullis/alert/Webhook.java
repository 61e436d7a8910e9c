package dev.portcullis.alert;

import java.net.URI;
import java.time.Instant;

/** Where alerts of a workspace (and of the workspaces below it) are sent. The secret is never part of it. */
public record Webhook(String id, String workspaceId, URI url, WebhookEvents events, WebhookFormat format,
    Instant createdAt) {}
