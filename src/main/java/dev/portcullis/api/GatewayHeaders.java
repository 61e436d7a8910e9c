package dev.portcullis.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's own request headers, read once. Every header is accepted with the native {@code x-portcullis-}
 * prefix or Portkey's {@code x-portkey-}; responses answer in the prefix the caller used.
 *
 * @param prefix {@code x-portkey-} when the caller used Portkey's names, else {@code x-portcullis-}
 * @param gatewayKey the gateway API key ({@code -api-key}, else {@code Authorization: Bearer}, else
 *     {@code x-api-key}), or null
 * @param provider provider id for passthrough addressing, or null
 * @param providerKey provider credential from {@code Authorization: Bearer} (or {@code x-api-key}, as Anthropic
 *     clients send it) in passthrough mode, or null
 * @param virtualKey virtual key slug from the -virtual-key header, or null
 * @param customHost provider base URL override, or null
 * @param traceId caller's trace id, or null
 * @param metadata caller metadata (string values)
 * @param forwardHeaders names of client headers to forward to the provider (lower case)
 * @param requestTimeoutMs per-request timeout in milliseconds, or null
 * @param config routing config: inline JSON or a saved config id, or null
 * @param providerFamily provider-family headers ({@code -openai-organization}...) by name without prefix
 * @param values every gateway header by name without prefix (the native prefix winning), where provider specs find
 *     the credential fields their headers carry ({@code aws-region}, {@code azure-resource-name}...)
 * @param strictOpenAiCompliance whether parameters a provider cannot take are refused (400) rather than dropped
 */
public record GatewayHeaders(
    String prefix,
    String gatewayKey,
    String provider,
    String providerKey,
    String virtualKey,
    String customHost,
    String traceId,
    Map<String, String> metadata,
    List<String> forwardHeaders,
    Long requestTimeoutMs,
    String config,
    Map<String, String> providerFamily,
    Map<String, String> values,
    boolean strictOpenAiCompliance) {

  public static final String NATIVE_PREFIX = "x-portcullis-";
  public static final String PORTKEY_PREFIX = "x-portkey-";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_METADATA_BYTES = 8192;
  /** Provider-family header names (after the prefix) the gateway passes on to the provider. */
  public static final List<String> FAMILY = List.of("openai-organization", "openai-project", "openai-beta");
  public static GatewayHeaders parse(MultiMap headers) {
    Map<String, String> nativeValues = Map.of();
    Map<String, String> portkeyValues = Map.of();
    for (Map.Entry<String, String> e : headers) {
      String name = e.getKey();
      if (name.regionMatches(true, 0, NATIVE_PREFIX, 0, NATIVE_PREFIX.length())) {
        nativeValues = put(nativeValues, name.substring(NATIVE_PREFIX.length()), e.getValue());
      } else if (name.regionMatches(true, 0, PORTKEY_PREFIX, 0, PORTKEY_PREFIX.length())) {
        portkeyValues = put(portkeyValues, name.substring(PORTKEY_PREFIX.length()), e.getValue());
      }
    }
    Values v = new Values(nativeValues, portkeyValues);
    String prefix = nativeValues.isEmpty() && !portkeyValues.isEmpty() ? PORTKEY_PREFIX : NATIVE_PREFIX;
    String provider = v.get("provider");
    String bearer = bearer(headers.get("authorization"));
    if (bearer == null) {
      bearer = bearer(headers.get("x-api-key"));
    }
    String gatewayKey = v.get("api-key");
    String providerKey = null;
    if (provider != null) {
      providerKey = bearer;
      if (gatewayKey == null && bearer != null) {
        throw GatewayException.unauthorized("missing gateway API key: the key in '"
            + (headers.get("authorization") != null ? "Authorization" : "x-api-key") + "' was read as the provider's "
            + "key, because '" + prefix + "provider' is set (expected: the gateway key in '" + prefix + "api-key' "
            + "and the provider's key in 'Authorization: Bearer <provider key>')");
      }
    } else if (gatewayKey == null) {
      gatewayKey = bearer;
    }
    return new GatewayHeaders(
        prefix,
        gatewayKey,
        provider,
        providerKey,
        v.get("virtual-key"),
        v.get("custom-host"),
        v.get("trace-id"),
        metadata(prefix, v.get("metadata")),
        forwardHeaders(v.get("forward-headers")),
        timeout(prefix, v.get("request-timeout")),
        v.get("config"),
        v.family(),
        v.all(),
        strict(prefix, v.get("strict-open-ai-compliance")));
  }

  private static Map<String, String> put(Map<String, String> map, String suffix, String value) {
    Map<String, String> out = map.isEmpty() ? new HashMap<>(8) : map;
    out.putIfAbsent(suffix.toLowerCase(Locale.ROOT), value);
    return out;
  }

  /** Gateway header values by name without prefix; the native prefix wins over Portkey's. */
  private record Values(Map<String, String> nativeValues, Map<String, String> portkeyValues) {

    String get(String name) {
      String v = nativeValues.get(name);
      if (v == null) {
        v = portkeyValues.get(name);
      }
      return v == null || v.isBlank() ? null : v.trim();
    }

    /** Every value by name, the native prefix winning. */
    Map<String, String> all() {
      if (portkeyValues.isEmpty()) {
        return nativeValues;
      }
      if (nativeValues.isEmpty()) {
        return portkeyValues;
      }
      Map<String, String> out = new HashMap<>(portkeyValues);
      out.putAll(nativeValues);
      return out;
    }

    /** Provider-family headers ({@code -openai-*}), by name without prefix. */
    Map<String, String> family() {
      if (nativeValues.isEmpty() && portkeyValues.isEmpty()) {
        return Map.of();
      }
      Map<String, String> out = new HashMap<>(4);
      for (String name : FAMILY) {
        String value = get(name);
        if (value != null) {
          out.put(name, value);
        }
      }
      return out;
    }
  }

  private static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String v = authorization.trim();
    if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      v = v.substring(7).trim();
    }
    return v.isEmpty() ? null : v;
  }

  private static Map<String, String> metadata(String prefix, String raw) {
    if (raw == null) {
      return Map.of();
    }
    String name = prefix + "metadata";
    if (raw.length() > MAX_METADATA_BYTES) {
      throw GatewayException.badRequest(name + ": " + raw.length() + " characters (expected: at most "
          + MAX_METADATA_BYTES + ")", name);
    }
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.getFactory().createParser(raw)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw GatewayException.badRequest(name + ": '" + abbreviate(raw)
            + "' (expected: a JSON object of string values, e.g. {\"_user\":\"alice\"})", name);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          throw GatewayException.badRequest(name + ": value of '" + key + "' is "
              + (t == JsonToken.START_OBJECT ? "an object" : "an array") + " (expected: a string)", name);
        }
        if (t != JsonToken.VALUE_NULL) {
          out.put(key, p.getText());
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing content after the object");
      }
    } catch (IOException e) {
      throw GatewayException.badRequest(name + ": not valid JSON: '" + abbreviate(raw)
          + "' (expected: a JSON object of string values, e.g. {\"_user\":\"alice\"})", name);
    }
    return out;
  }

  private static List<String> forwardHeaders(String raw) {
    if (raw == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Arrays.stream(raw.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
        .forEach(out::add);
    return List.copyOf(out);
  }

  private static boolean strict(String prefix, String raw) {
    if (raw == null) {
      return false;
    }
    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(raw);
    }
    String name = prefix + "strict-open-ai-compliance";
    throw GatewayException.badRequest(name + ": '" + abbreviate(raw) + "' (expected: true or false)", name);
  }

  private static Long timeout(String prefix, String raw) {
    if (raw == null) {
      return null;
    }
    String name = prefix + "request-timeout";
    try {
      long ms = Long.parseLong(raw);
      if (ms < 1 || ms > 86_400_000L) {
        throw GatewayException.badRequest(name + ": " + ms + " (expected: milliseconds, 1..86400000)", name);
      }
      return ms;
    } catch (NumberFormatException e) {
      throw GatewayException.badRequest(name + ": '" + abbreviate(raw) + "' (expected: milliseconds, 1..86400000)",
          name);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  @Override
  public String toString() {
    return "GatewayHeaders[prefix=" + prefix + ", provider=" + provider + ", virtualKey=" + virtualKey
        + ", customHost=" + customHost + ", traceId=" + traceId + ", metadata=" + metadata + "]";
  }
}
