package dev.portcullis.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway needs to start, resolved from the YAML file and {@code PORTCULLIS_*} variables
 * (variables win). Built once by {@link ConfigLoader}; never changes while the gateway runs.
 *
 * @param host address to listen on
 * @param port port to listen on
 * @param dataDir folder for the SQLite database and the master key file
 * @param databaseUrl JDBC URL (SQLite by default, PostgreSQL when configured)
 * @param adminKey bootstrap admin key, or null to generate one on first start
 * @param masterKey vault master key (base64 of 32 bytes), or null to use/create {@code dataDir/master.key}
 * @param trustedHosts custom hosts allowed although they resolve to private or loopback addresses
 * @param maxBodyBytes largest request body accepted
 * @param requestTimeout longest a single upstream call may take when the caller sets no timeout
 * @param providers server-held provider credentials, by provider id, for {@code provider/model} addressing
 * @param modelCatalog file replacing the bundled model catalog for smart routing, or null
 * @param masterKeyPrevious retired vault master keys (comma-separated), still read for rows they sealed, or null
 * @param redisUrl Redis for change notification across nodes, or null to keep it in process
 * @param redisChannel the pub/sub channel nodes announce changes on
 * @param localProviders the built-in local providers ({@code ollama}, {@code vllm}, {@code lm-studio}) callers may
 *     use; the others are refused
 * @param maxBodyBytesInFlight the most request-body bytes held at once across every request
 * @param idleTimeout how long a client connection with no request in flight and no bytes moving stays open
 * @param headerTimeout the longest a request may take from its first byte to the end of its headers
 * @param maxConnections the most client connections open at once; more are answered 503 and closed
 * @param metricsToken the bearer token {@code /metrics} asks for, or null when it is open
 * @param priceCatalog file replacing the bundled price catalog, or null
 * @param limitsOnRedisFailure {@code open} or {@code closed}: what every limit does while Redis cannot be reached;
 *     null for the default (rate limits open, budgets closed)
 * @param logRetentionDays the days of request log a workspace without its own {@code log_retention_days} keeps
 * @param bodyRetentionDays the days request bodies kept by a policy stay
 * @param cacheMaxBytes the most bytes of cached answers kept in process (without Redis)
 * @param organisationName the organisation reports are made for (their cover names it)
 * @param dashboard whether the web dashboard is served at {@code /dashboard} ({@code PORTCULLIS_DASHBOARD=off}
 *     removes it)
 * @param otlpEndpoint the OpenTelemetry collector's base URL traces are sent to ({@code /v1/traces} appended), or
 *     null to trace nothing
 */
public record GatewayConfig(
    String host,
    int port,
    Path dataDir,
    String databaseUrl,
    String adminKey,
    String masterKey,
    List<String> trustedHosts,
    long maxBodyBytes,
    Duration requestTimeout,
    Map<String, ProviderCredentials> providers,
    Path modelCatalog,
    String masterKeyPrevious,
    String redisUrl,
    String redisChannel,
    List<String> localProviders,
    long maxBodyBytesInFlight,
    Duration idleTimeout,
    Duration headerTimeout,
    int maxConnections,
    String metricsToken,
    Path priceCatalog,
    String limitsOnRedisFailure,
    int logRetentionDays,
    int bodyRetentionDays,
    long cacheMaxBytes,
    String organisationName,
    boolean dashboard,
    String otlpEndpoint) {

  public GatewayConfig {
    trustedHosts = List.copyOf(trustedHosts);
    providers = Map.copyOf(providers);
    localProviders = List.copyOf(localProviders);
  }

  /**
   * Credentials the operator gave for one provider.
   *
   * @param fields the provider's other credential fields ({@code aws_region}, {@code resource_name}...)
   * @param source where they were given, for messages: {@code providers.openai at line 4 of portcullis.yaml}, or the
   *     first variable naming the provider
   */
  public record ProviderCredentials(String apiKey, String baseUrl, Map<String, String> fields, String source) {

    public ProviderCredentials {
      fields = Map.copyOf(fields);
    }

    @Override
    public String toString() {
      return "ProviderCredentials[apiKey=" + (apiKey == null ? "none" : "***") + ", baseUrl=" + baseUrl
          + ", fields=" + fields.keySet() + "]";
    }
  }

  @Override
  public String toString() {
    return "GatewayConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", databaseUrl=" + databaseUrl
        + ", trustedHosts=" + trustedHosts + ", maxBodyBytes=" + maxBodyBytes + ", requestTimeout=" + requestTimeout
        + ", providers=" + providers.keySet() + ", redis=" + (redisUrl == null ? "none" : redisChannel)
        + ", localProviders=" + localProviders + ", maxBodyBytesInFlight=" + maxBodyBytesInFlight + ", idleTimeout="
        + idleTimeout + ", headerTimeout=" + headerTimeout + ", maxConnections=" + maxConnections + ", metricsToken="
        + (metricsToken == null ? "none" : "***") + ", priceCatalog=" + priceCatalog + ", limitsOnRedisFailure="
        + (limitsOnRedisFailure == null ? "default" : limitsOnRedisFailure) + ", logRetentionDays=" + logRetentionDays
        + ", bodyRetentionDays=" + bodyRetentionDays + ", organisationName=" + organisationName
        + ", dashboard=" + (dashboard ? "on" : "off") + ", otlpEndpoint="
        + (otlpEndpoint == null ? "none" : otlpEndpoint) + "]";
  }
}
