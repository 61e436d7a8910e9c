package dev.portcullis.provider;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, or null when the event named none
 * @param data the {@code data:} lines joined with newlines (empty when there were none)
 */
public record SseEvent(String event, String data) {}
