package dev.portcullis.provider;

import dev.portcullis.error.GatewayException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a provider base URL that names credential fields in braces, such as
 * {@code https://bedrock-runtime.{aws_region}.amazonaws.com}, from a target's fields.
 */
public final class BaseUrlTemplate {

  private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)}");
  /** What a value may hold: a host label or path segment, nothing that could redirect the URL elsewhere. */
  private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._-]+");

  private BaseUrlTemplate() {}

  /** Whether the base URL names fields. */
  public static boolean isTemplate(String baseUrl) {
    return baseUrl != null && baseUrl.indexOf('{') >= 0;
  }

  /**
   * The URL with every field filled.
   *
   * @throws GatewayException.BadRequest naming the first field that is missing or not a plain name
   */
  public static String fill(String providerId, String baseUrl, Map<String, String> fields) {
    Matcher m = FIELD.matcher(baseUrl);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = fields.get(name);
      if (value == null || value.isBlank()) {
        throw GatewayException.badRequest(name + ": missing (expected: the " + name + " of the '" + providerId
            + "' account, from a virtual key, a provider header or PORTCULLIS_PROVIDER_"
            + providerId.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_"
            + name.toUpperCase(java.util.Locale.ROOT) + ")", name);
      }
      if (!SAFE_VALUE.matcher(value).matches()) {
        throw GatewayException.badRequest(name + ": '" + value + "' (expected: letters, digits, '.', '_' or '-')",
            name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
