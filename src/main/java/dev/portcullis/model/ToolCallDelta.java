package dev.portcullis.model;

/**
 * A piece of a streamed tool call. The first piece of a call carries its id and name; later pieces with the same
 * index carry only more of the arguments.
 *
 * @param index which call of the turn this piece belongs to
 * @param id the call id, on the first piece only
 * @param name the function name, on the first piece only
 * @param argumentsFragment the next characters of the arguments JSON, or null
 */
public record ToolCallDelta(int index, String id, String name, String argumentsFragment) {}
