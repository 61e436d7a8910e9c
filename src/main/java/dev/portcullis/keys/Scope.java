package dev.portcullis.keys;

import dev.portcullis.error.GatewayException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** One right a gateway key may hold: call inference routes, change admin resources, or read them. */
public enum Scope {
  INFERENCE("inference"),
  ADMIN("admin"),
  READ_ONLY("read-only");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses wire names; an unknown one is a 400 naming the choices. */
  public static Set<Scope> parseAll(Collection<String> names, String field) {
    Set<Scope> out = EnumSet.noneOf(Scope.class);
    for (String name : names) {
      Scope found = Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
          .orElseThrow(() -> GatewayException.badRequest(field + ": '" + name + "' (expected one of: "
              + Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", ")) + ")", field));
      out.add(found);
    }
    return out;
  }

  /** The comma-separated form stored in the database and shown by the CLI. */
  public static String join(Set<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).collect(Collectors.joining(","));
  }

  static Set<Scope> split(String stored) {
    return stored.isEmpty() ? EnumSet.noneOf(Scope.class) : parseAll(Arrays.asList(stored.split(",")), "scopes");
  }
}
