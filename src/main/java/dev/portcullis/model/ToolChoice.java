package dev.portcullis.model;

import java.util.Objects;

/** Whether and which tool the model must call: one of the {@link Mode}s, or one named {@link Function}. */
public sealed interface ToolChoice permits ToolChoice.Mode, ToolChoice.Function {

  static ToolChoice function(String name) {
    return new Function(name);
  }

  /** The model decides ({@code AUTO}), calls none ({@code NONE}), or must call at least one ({@code REQUIRED}). */
  enum Mode implements ToolChoice {
    AUTO,
    NONE,
    REQUIRED
  }

  /** The model must call this function. */
  record Function(String name) implements ToolChoice {
    public Function {
      Objects.requireNonNull(name, "name");
    }
  }
}
