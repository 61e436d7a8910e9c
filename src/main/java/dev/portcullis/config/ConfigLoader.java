package dev.portcullis.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portcullis.config.GatewayConfig.ProviderCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the optional YAML file, then overlays {@code PORTCULLIS_*} environment variables. Every setting has one
 * YAML key and one variable: {@code port} / {@code PORTCULLIS_PORT}; provider credentials are
 * {@code providers.<id>.api_key} / {@code PORTCULLIS_PROVIDER_<ID>_API_KEY} (and {@code _BASE_URL} and the
 * provider's credential fields, e.g. {@code _AWS_REGION}).
 */
public final class ConfigLoader {

  private static final String PROVIDER_PREFIX = "PORTCULLIS_PROVIDER_";
  /**
   * Settings a provider takes from the environment, longest first so {@code _AWS_SECRET_ACCESS_KEY} is not read as
   * {@code _ACCESS_KEY}.
   */
  private static final List<String> PROVIDER_FIELDS = List.of("vertex_service_account_json",
      "aws_secret_access_key", "aws_access_key_id", "aws_session_token", "vertex_project_id", "aws_external_id",
      "azure_ad_token", "vertex_region", "deployment_id", "resource_name", "aws_role_arn", "api_version",
      "aws_region", "anthropic_version", "anthropic_beta", "base_url", "api_key");

  /** The built-in providers whose default base URL is on this machine; each must be enabled to be used. */
  public static final List<String> LOCAL_PROVIDERS = List.of("ollama", "vllm", "lm-studio");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /** Loads {@code file} when given (it must exist), else {@code ./portcullis.yaml} when present. */
  public GatewayConfig load(Path file) {
    Path chosen = file != null ? file : pathOrNull(env.get("PORTCULLIS_CONFIG"));
    if (chosen == null && Files.exists(Path.of("portcullis.yaml"))) {
      chosen = Path.of("portcullis.yaml");
    }
    JsonNode yaml = chosen == null ? null : readYaml(chosen);
    return resolve(yaml);
  }

  /** Resolves from the environment over an already-read YAML tree (null for none). */
  public GatewayConfig resolve(JsonNode yaml) {
    Settings s = new Settings(yaml, env);
    String host = s.string("host", "PORTCULLIS_HOST", "127.0.0.1");
    long port = s.integer("port", "PORTCULLIS_PORT", 8787, 0, 65535);
    Path dataDir = Path.of(s.string("data_dir", "PORTCULLIS_DATA_DIR", "data"));
    String databaseUrl = s.string("database_url", "PORTCULLIS_DATABASE_URL",
        "jdbc:sqlite:" + dataDir.resolve("portcullis.db"));
    String adminKey = s.string("admin_key", "PORTCULLIS_ADMIN_KEY", null);
    if (adminKey != null && adminKey.length() < 16) {
      throw new ConfigException("admin_key / PORTCULLIS_ADMIN_KEY: " + adminKey.length()
          + " characters (expected: at least 16)");
    }
    String masterKey = s.string("master_key", "PORTCULLIS_MASTER_KEY", null);
    List<String> trusted = s.list("trusted_hosts", "PORTCULLIS_TRUSTED_HOSTS", "host names, addresses or CIDR ranges");
    long maxBody = s.integer("max_body_bytes", "PORTCULLIS_MAX_BODY_BYTES", 32L * 1024 * 1024, 1024, Long.MAX_VALUE);
    long maxInFlight = s.integer("max_body_bytes_in_flight", "PORTCULLIS_MAX_BODY_BYTES_IN_FLIGHT",
        256L * 1024 * 1024, 1024, Long.MAX_VALUE);
    List<String> local = s.list("local_providers", "PORTCULLIS_LOCAL_PROVIDERS", "provider ids");
    for (String id : local) {
      if (!LOCAL_PROVIDERS.contains(id.toLowerCase(Locale.ROOT))) {
        throw new ConfigException("local_providers / PORTCULLIS_LOCAL_PROVIDERS: '" + id + "' (expected some of: "
            + String.join(", ", LOCAL_PROVIDERS) + ")");
      }
    }
    String metricsToken = s.string("metrics_token", "PORTCULLIS_METRICS_TOKEN", null);
    if (metricsToken != null && metricsToken.length() < 16) {
      throw new ConfigException("metrics_token / PORTCULLIS_METRICS_TOKEN: " + metricsToken.length()
          + " characters (expected: at least 16)");
    }
    long timeoutMs = s.integer("request_timeout_ms", "PORTCULLIS_REQUEST_TIMEOUT_MS", 600_000, 1, 86_400_000);
    String redisUrl = s.string("redis_url", "PORTCULLIS_REDIS_URL", null);
    if (redisUrl != null && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
      throw new ConfigException("redis_url / PORTCULLIS_REDIS_URL: has no redis scheme (expected: "
          + "redis://[user:password@]host:port[/db] or rediss://...)");
    }
    return new GatewayConfig(host, (int) port, dataDir, databaseUrl, adminKey, masterKey, trusted, maxBody,
        Duration.ofMillis(timeoutMs), providers(yaml),
        pathOrNull(s.string("model_catalog", "PORTCULLIS_MODEL_CATALOG", null)),
        s.string("master_key_previous", "PORTCULLIS_MASTER_KEY_PREVIOUS", null), redisUrl,
        s.string("redis_channel", "PORTCULLIS_REDIS_CHANNEL", "portcullis:changes"),
        local.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList(), maxInFlight,
        s.duration("idle_timeout", "PORTCULLIS_IDLE_TIMEOUT", Duration.ofSeconds(120)),
        s.duration("header_timeout", "PORTCULLIS_HEADER_TIMEOUT", Duration.ofSeconds(10)),
        (int) s.integer("max_connections", "PORTCULLIS_MAX_CONNECTIONS", 10_000, 1, 1_000_000), metricsToken);
  }

  private Map<String, ProviderCredentials> providers(JsonNode yaml) {
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    JsonNode section = yaml == null ? null : yaml.get("providers");
    if (section != null && !section.isNull()) {
      if (!section.isObject()) {
        throw new ConfigException("providers: " + section.getNodeType().name().toLowerCase(Locale.ROOT)
            + " (expected: a map of provider id to {api_key, base_url, other credential fields})");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Map<String, String> values = found.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT),
            k -> new LinkedHashMap<>());
        if (e.getValue() != null && e.getValue().isObject()) {
          e.getValue().properties().forEach(field -> {
            if (!field.getValue().isNull()) {
              values.put(field.getKey(), field.getValue().asText());
            }
          });
        }
      }
    }
    env.forEach((name, value) -> {
      if (!name.startsWith(PROVIDER_PREFIX)) {
        return;
      }
      String rest = name.substring(PROVIDER_PREFIX.length());
      String field = PROVIDER_FIELDS.stream().filter(f -> rest.endsWith("_" + f.toUpperCase(Locale.ROOT)))
          .findFirst().orElseThrow(() -> new ConfigException(name + ": unknown setting (expected: "
              + PROVIDER_PREFIX + "<ID>_<FIELD> with FIELD one of: "
              + String.join(", ", PROVIDER_FIELDS.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList()) + ")"));
      String id = rest.substring(0, rest.length() - field.length() - 1).toLowerCase(Locale.ROOT).replace('_', '-');
      found.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(field, value);
    });
    Map<String, ProviderCredentials> result = new LinkedHashMap<>();
    found.forEach((id, values) -> {
      Map<String, String> fields = new LinkedHashMap<>();
      values.forEach((k, v) -> {
        if (!k.equals("api_key") && !k.equals("base_url") && !v.isBlank()) {
          fields.put(k, v);
        }
      });
      result.put(id, new ProviderCredentials(blankToNull(values.get("api_key")), blankToNull(values.get("base_url")),
          fields));
    });
    return result;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Path pathOrNull(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }

  private static JsonNode readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + ": not found (expected: a readable YAML file)");
    }
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (node != null && !node.isNull() && !node.isObject() && !node.isMissingNode()) {
        throw new ConfigException("config file " + file + ": top level is " + node.getNodeType()
            + " (expected: a map of settings)");
      }
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      throw new ConfigException("config file " + file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Looks a setting up in the environment first, then the YAML tree. */
  private record Settings(JsonNode yaml, Map<String, String> env) {

    String string(String key, String var, String fallback) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        return v;
      }
      JsonNode n = yaml == null ? null : yaml.get(key);
      return n == null || n.isNull() ? fallback : n.asText();
    }

    long integer(String key, String var, long fallback, long min, long max) {
      String raw = string(key, var, null);
      if (raw == null) {
        return fallback;
      }
      long value;
      try {
        value = Long.parseLong(raw.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " / " + var + ": '" + raw + "' (expected: an integer " + min + ".." + max + ")");
      }
      if (value < min || value > max) {
        throw new ConfigException(key + " / " + var + ": " + value + " (expected: " + min + ".." + max + ")");
      }
      return value;
    }

    /** A duration: a number of seconds, or a number with {@code ms}, {@code s} or {@code m}; 100 ms to a day. */
    Duration duration(String key, String var, Duration fallback) {
      String raw = string(key, var, null);
      if (raw == null) {
        return fallback;
      }
      Matcher m = DURATION.matcher(raw.trim());
      Duration d = null;
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = m.group(2) == null || m.group(2).equals("s") ? Duration.ofSeconds(n)
            : m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofMinutes(n);
      }
      if (d == null || d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
        throw new ConfigException(key + " / " + var + ": '" + raw + "' (expected: a duration from 100ms to 1 day, "
            + "as seconds or with a unit: 500ms, 10s, 2m)");
      }
      return d;
    }

    List<String> list(String key, String var, String expected) {
      String v = env.get(var);
      if (v != null) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
      }
      JsonNode n = yaml == null ? null : yaml.get(key);
      if (n == null || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        throw new ConfigException(key + ": " + n.asText() + " (expected: a list of " + expected + ")");
      }
      List<String> out = new ArrayList<>();
      n.forEach(item -> out.add(item.asText()));
      return out;
    }
  }

}
