package dev.portcullis.prompt;

/**
 * The version of a prompt a call renders, and the label that chose it.
 *
 * @param label the label the version was chosen by, or null when the call named a version or got the newest
 */
public record ResolvedPrompt(Prompt prompt, String label) {}
