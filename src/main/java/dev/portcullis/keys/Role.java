package dev.portcullis.keys;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a gateway key may do: admin (everything), member (inference), viewer (read-only admin). */
public enum Role {
  ADMIN,
  MEMBER,
  VIEWER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code admin | member | viewer}; anything else is an IllegalArgumentException naming the choices. */
  public static Role parse(String value) {
    for (Role r : values()) {
      if (r.wireName().equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role: '" + value + "' (expected one of: "
        + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")) + ")");
  }
}
