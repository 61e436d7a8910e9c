package dev.portcullis.model;

/** Who wrote a message. */
public enum Role {
  SYSTEM,
  DEVELOPER,
  USER,
  ASSISTANT,
  TOOL
}
