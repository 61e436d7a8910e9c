package dev.portcullis.prompt;

/** One message of a chat prompt: its role and its content, a mustache template. */
public record PromptMessage(String role, String content) {}
