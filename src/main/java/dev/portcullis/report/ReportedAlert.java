package dev.portcullis.report;

import java.time.Instant;

/**
 * One alert or anomaly as reports show it.
 *
 * @param kind what raised it, e.g. {@code policy rule 'big spenders'}
 * @param severity as recorded, or null where the alert source records none
 * @param status {@code open} or {@code acknowledged}
 */
public record ReportedAlert(Instant at, String workspaceId, String kind, String severity, String status,
    String message, String requestId) {}
