package dev.portcullis.model;

import java.util.Objects;

/**
 * A function call the assistant asked for.
 *
 * @param id the call id a tool message answers with {@code toolCallId}
 * @param name the function to call
 * @param arguments the arguments as the model wrote them: a JSON text, not guaranteed to be valid
 */
public record ToolCall(String id, String name, String arguments) {

  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
