package dev.portcullis.keys;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named bundle of {@link Scope}s for people and keys: admin (everything), member (inference), viewer (read-only
 * admin).
 */
public enum Role {
  ADMIN(EnumSet.allOf(Scope.class)),
  MEMBER(EnumSet.of(Scope.INFERENCE)),
  VIEWER(EnumSet.of(Scope.READ_ONLY));

  private final Set<Scope> scopes;

  Role(Set<Scope> scopes) {
    this.scopes = Set.copyOf(scopes);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Set<Scope> scopes() {
    return scopes;
  }

  /** The smallest role holding every one of {@code scopes}: how a key made from scopes is labelled. */
  public static Role covering(Set<Scope> wanted) {
    for (Role r : new Role[] {VIEWER, MEMBER, ADMIN}) {
      if (r.scopes.containsAll(wanted)) {
        return r;
      }
    }
    return ADMIN;
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
