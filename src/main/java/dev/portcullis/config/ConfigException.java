package dev.portcullis.config;

/** A configuration value is missing or wrong; the message names the setting, the value and the expectation. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
