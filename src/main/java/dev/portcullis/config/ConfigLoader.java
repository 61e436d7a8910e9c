package dev.portcullis.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.config.GatewayConfig.ProviderCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the optional YAML file, then overlays {@code PORTCULLIS_*} environment variables. Every setting has one
 * YAML key and one variable: {@code port} / {@code PORTCULLIS_PORT}; provider credentials are
 * {@code providers.<id>.api_key} / {@code PORTCULLIS_PROVIDER_<ID>_API_KEY} (and {@code _BASE_URL} and the
 * provider's credential fields, e.g. {@code _AWS_REGION}).
 *
 * <p>Nothing is silently ignored: a YAML key no setting reads is refused with its line and the nearest valid key, and
 * a {@code PORTCULLIS_*} variable no setting reads is warned about by name. A setting is known by being read through
 * {@link Settings}, so a new setting needs no list of its own; a new section reads its subtree with
 * {@link Settings#section} and checks the keys inside itself, as {@code providers} does.
 */
public final class ConfigLoader {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  /**
   * Variables read outside {@link #resolve}: the settings file, the log level (logback.xml), the launcher's JVM flags
   * and AOT cache switch.
   */
  private static final Set<String> OTHER_VARIABLES = Set.of("PORTCULLIS_CONFIG", "PORTCULLIS_LOG_LEVEL",
      "PORTCULLIS_JAVA_OPTS", "PORTCULLIS_AOT");

  private static final String PREFIX = "PORTCULLIS_";
  private static final String PROVIDER_PREFIX = PREFIX + "PROVIDER_";
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
  private final Consumer<String> warnings;

  /** A loader that logs its warnings (unknown variables). */
  public ConfigLoader(Map<String, String> env) {
    this(env, LOG::warn);
  }

  public ConfigLoader(Map<String, String> env, Consumer<String> warnings) {
    this.env = env;
    this.warnings = warnings;
  }

  /** Loads {@code file} when given (it must exist), else {@code ./portcullis.yaml} when present. */
  public GatewayConfig load(Path file) {
    Path chosen = file != null ? file : pathOrNull(env.get("PORTCULLIS_CONFIG"));
    if (chosen == null && Files.exists(Path.of("portcullis.yaml"))) {
      chosen = Path.of("portcullis.yaml");
    }
    return resolve(chosen == null ? null : YamlFile.read(chosen));
  }

  /** Resolves from the environment over an already-read YAML tree (null for none). */
  public GatewayConfig resolve(JsonNode yaml) {
    return resolve(yaml == null ? null : new YamlFile(Path.of("the settings"), yaml, Map.of()));
  }

  private GatewayConfig resolve(YamlFile file) {
    JsonNode yaml = file == null ? null : file.tree();
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
    String limitsOnRedisFailure = s.string("limits_on_redis_failure", "PORTCULLIS_LIMITS_ON_REDIS_FAILURE", null);
    if (limitsOnRedisFailure != null && !List.of("open", "closed").contains(limitsOnRedisFailure)) {
      throw new ConfigException("limits_on_redis_failure / PORTCULLIS_LIMITS_ON_REDIS_FAILURE: '"
          + limitsOnRedisFailure + "' (expected: open or closed; unset, rate limits fail open and budgets closed)");
    }
    String dashboard = s.string("dashboard", "PORTCULLIS_DASHBOARD", "on");
    if (!List.of("on", "off").contains(dashboard)) {
      throw new ConfigException("dashboard / PORTCULLIS_DASHBOARD: '" + dashboard + "' (expected: on or off)");
    }
    String otlpEndpoint = s.string("otlp_endpoint", "PORTCULLIS_OTLP_ENDPOINT", null);
    if (otlpEndpoint != null && !otlpEndpoint.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw new ConfigException("otlp_endpoint / PORTCULLIS_OTLP_ENDPOINT: '" + otlpEndpoint + "' (expected: the "
          + "collector's base URL, http://host:4318 or https://...; /v1/traces is appended)");
    }
    GatewayConfig config = new GatewayConfig(host, (int) port, dataDir, databaseUrl, adminKey, masterKey, trusted,
        maxBody, Duration.ofMillis(timeoutMs), providers(s.section("providers"), file),
        pathOrNull(s.string("model_catalog", "PORTCULLIS_MODEL_CATALOG", null)),
        s.string("master_key_previous", "PORTCULLIS_MASTER_KEY_PREVIOUS", null), redisUrl,
        s.string("redis_channel", "PORTCULLIS_REDIS_CHANNEL", "portcullis:changes"),
        local.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList(), maxInFlight,
        s.duration("idle_timeout", "PORTCULLIS_IDLE_TIMEOUT", Duration.ofSeconds(120)),
        s.duration("header_timeout", "PORTCULLIS_HEADER_TIMEOUT", Duration.ofSeconds(10)),
        (int) s.integer("max_connections", "PORTCULLIS_MAX_CONNECTIONS", 10_000, 1, 1_000_000), metricsToken,
        pathOrNull(s.string("price_catalog", "PORTCULLIS_PRICE_CATALOG", null)), limitsOnRedisFailure,
        (int) s.integer("log_retention_days", "PORTCULLIS_LOG_RETENTION_DAYS", 30, 1, 36_500),
        (int) s.integer("body_retention_days", "PORTCULLIS_BODY_RETENTION_DAYS", 7, 1, 36_500),
        s.integer("cache_max_bytes", "PORTCULLIS_CACHE_MAX_BYTES", 256L * 1024 * 1024, 1024, Long.MAX_VALUE),
        s.string("organisation_name", "PORTCULLIS_ORGANISATION_NAME", "Portcullis"),
        dashboard.equals("on"), otlpEndpoint);
    refuseUnknownKeys(file, s.keys());
    warnAboutUnknownVariables(s.variables());
    return config;
  }

  private static void refuseUnknownKeys(YamlFile file, Set<String> known) {
    if (file == null || file.tree() == null) {
      return;
    }
    file.tree().fieldNames().forEachRemaining(key -> {
      if (!known.contains(key)) {
        throw unknownSetting(file, key, known);
      }
    });
  }

  private static ConfigException unknownSetting(YamlFile file, String path, Collection<String> known) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    String parent = path.substring(0, path.length() - name.length());
    return new ConfigException("unknown setting '" + path + "'" + file.at(path) + NearestName.of(name, known)
        .map(n -> "; did you mean '" + parent + n + "'?")
        .orElseGet(() -> " (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")"));
  }

  private void warnAboutUnknownVariables(Set<String> known) {
    Set<String> all = new TreeSet<>(known);
    all.addAll(OTHER_VARIABLES);
    List<String> suffixes = all.stream().map(v -> v.substring(PREFIX.length())).toList();
    env.keySet().stream().filter(name -> name.startsWith(PREFIX) && !name.startsWith(PROVIDER_PREFIX))
        .filter(name -> !all.contains(name)).sorted()
        .forEach(name -> warnings.accept(name + ": unknown variable, ignored"
            + NearestName.of(name.substring(PREFIX.length()), suffixes).map(n -> "; did you mean " + PREFIX + n + "?")
                .orElse(" (the settings are listed in docs/configuration.md)")));
  }

  private Map<String, ProviderCredentials> providers(JsonNode section, YamlFile file) {
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    if (section != null && !section.isNull()) {
      if (!section.isObject()) {
        throw new ConfigException("providers: " + section.getNodeType().name().toLowerCase(Locale.ROOT)
            + " (expected: a map of provider id to {api_key, base_url, other credential fields})");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String id = e.getKey().toLowerCase(Locale.ROOT);
        Map<String, String> values = found.computeIfAbsent(id, k -> new LinkedHashMap<>());
        sources.putIfAbsent(id, "providers." + e.getKey() + file.at("providers." + e.getKey()));
        if (e.getValue() != null && e.getValue().isObject()) {
          e.getValue().properties().forEach(field -> {
            String path = "providers." + e.getKey() + "." + field.getKey();
            if (!PROVIDER_FIELDS.contains(field.getKey())) {
              throw unknownSetting(file, path, PROVIDER_FIELDS);
            }
            if (!field.getValue().isNull()) {
              values.put(field.getKey(), field.getValue().asText());
            }
          });
        } else if (e.getValue() != null && !e.getValue().isNull()) {
          throw new ConfigException("providers." + e.getKey() + file.at("providers." + e.getKey()) + ": "
              + e.getValue().getNodeType().name().toLowerCase(Locale.ROOT)
              + " (expected: a map of api_key, base_url and other credential fields)");
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
      sources.putIfAbsent(id, name);
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
          fields, sources.get(id)));
    });
    return result;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Path pathOrNull(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }

  /**
   * Looks a setting up in the environment first, then the YAML tree, and remembers every key and variable asked
   * about: together they are the settings this loader knows.
   */
  private static final class Settings {

    private final JsonNode yaml;
    private final Map<String, String> env;
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> variables = new LinkedHashSet<>();

    Settings(JsonNode yaml, Map<String, String> env) {
      this.yaml = yaml;
      this.env = env;
    }

    Set<String> keys() {
      return keys;
    }

    Set<String> variables() {
      return variables;
    }

    /** The subtree under {@code key}, or null; its reader checks the keys inside. */
    JsonNode section(String key) {
      keys.add(key);
      return yaml == null ? null : yaml.get(key);
    }

    String string(String key, String var, String fallback) {
      keys.add(key);
      variables.add(var);
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
      keys.add(key);
      variables.add(var);
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
