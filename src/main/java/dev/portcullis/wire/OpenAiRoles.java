package dev.portcullis.wire;

import dev.portcullis.model.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Role names on the OpenAI wire: the model's roles in lower case. */
final class OpenAiRoles {

  static final List<String> NAMES = Arrays.stream(Role.values()).map(OpenAiRoles::name).toList();

  private OpenAiRoles() {}

  static String name(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name}, which must be one of {@link #NAMES}; null for null. */
  static Role role(String name) {
    return name == null ? null : Role.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
