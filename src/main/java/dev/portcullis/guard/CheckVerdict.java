package dev.portcullis.guard;

/**
 * One check's result as {@code hook_results} shows it.
 *
 * @param executionMs how long it ran, in milliseconds
 */
public record CheckVerdict(String id, boolean verdict, String explanation, double executionMs) {}
