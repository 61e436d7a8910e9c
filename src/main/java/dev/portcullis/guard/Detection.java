package dev.portcullis.guard;

/**
 * Where one finding sits in a text: its type (the redaction tag's name, e.g. {@code EMAIL}) and its span.
 *
 * @param start index of its first character
 * @param end index just past its last character
 */
public record Detection(String type, int start, int end) {}
