package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void defaultsServeOnLoopbackPort8787WithSqliteUnderData() {
    GatewayConfig c = new ConfigLoader(Map.of()).resolve(null);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8787);
    assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:data/portcullis.db");
    assertThat(c.adminKey()).isNull();
    assertThat(c.trustedHosts()).isEmpty();
    assertThat(c.providers()).isEmpty();
  }

  @Test
  void environmentWinsOverYaml() throws IOException {
    Path yaml = dir.resolve("p.yaml");
    Files.writeString(yaml, """
        port: 9000
        host: 0.0.0.0
        trusted_hosts: [10.0.0.0/8]
        providers:
          openai:
            api_key: sk-from-yaml
          groq:
            api_key: gsk-yaml
        """);
    GatewayConfig c = new ConfigLoader(Map.of(
        "PORTCULLIS_PORT", "9100",
        "PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-from-env",
        "PORTCULLIS_PROVIDER_MISTRAL_AI_BASE_URL", "http://mistral.internal/v1")).load(yaml);
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.trustedHosts()).containsExactly("10.0.0.0/8");
    assertThat(c.providers().get("openai").apiKey()).isEqualTo("sk-from-env");
    assertThat(c.providers().get("groq").apiKey()).isEqualTo("gsk-yaml");
    assertThat(c.providers().get("mistral-ai").baseUrl()).isEqualTo("http://mistral.internal/v1");
  }

  @Test
  void hardeningSettingsHaveSafeDefaults() {
    GatewayConfig c = new ConfigLoader(Map.of()).resolve(null);
    assertThat(c.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(120));
    assertThat(c.headerTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(c.maxConnections()).isEqualTo(10_000);
    assertThat(c.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(c.maxBodyBytesInFlight()).isEqualTo(256L * 1024 * 1024);
    assertThat(c.localProviders()).isEmpty();
    assertThat(c.metricsToken()).isNull();
  }

  @Test
  void durationsTakeSecondsOrAUnit() {
    GatewayConfig c = new ConfigLoader(Map.of("PORTCULLIS_IDLE_TIMEOUT", "90", "PORTCULLIS_HEADER_TIMEOUT", "500ms"))
        .resolve(null);
    assertThat(c.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(c.headerTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_IDLE_TIMEOUT", "forever")).resolve(null))
        .hasMessage("idle_timeout / PORTCULLIS_IDLE_TIMEOUT: 'forever' (expected: a duration from 100ms to 1 day, "
            + "as seconds or with a unit: 500ms, 10s, 2m)");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_HEADER_TIMEOUT", "0")).resolve(null))
        .hasMessageStartingWith("header_timeout / PORTCULLIS_HEADER_TIMEOUT: '0'");
  }

  @Test
  void maxBodyBytesMayExceedTwoGibibytes() {
    assertThat(new ConfigLoader(Map.of("PORTCULLIS_MAX_BODY_BYTES", "9223372036854775807")).resolve(null)
        .maxBodyBytes()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void localProvidersAreCheckedAgainstTheLocalOnes() {
    assertThat(new ConfigLoader(Map.of("PORTCULLIS_LOCAL_PROVIDERS", "ollama, VLLM")).resolve(null).localProviders())
        .containsExactly("ollama", "vllm");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_LOCAL_PROVIDERS", "openai")).resolve(null))
        .hasMessage("local_providers / PORTCULLIS_LOCAL_PROVIDERS: 'openai' (expected some of: ollama, vllm, "
            + "lm-studio)");
  }

  @Test
  void shortMetricsTokenIsRefused() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_METRICS_TOKEN", "abc")).resolve(null))
        .hasMessage("metrics_token / PORTCULLIS_METRICS_TOKEN: 3 characters (expected: at least 16)");
  }

  @Test
  void badPortNamesSettingValueAndRange() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_PORT", "eighty")).resolve(null))
        .hasMessage("port / PORTCULLIS_PORT: 'eighty' (expected: an integer 0..65535)");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_PORT", "70000")).resolve(null))
        .hasMessage("port / PORTCULLIS_PORT: 70000 (expected: 0..65535)");
  }

  @Test
  void shortAdminKeyIsRefused() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_ADMIN_KEY", "short")).resolve(null))
        .hasMessage("admin_key / PORTCULLIS_ADMIN_KEY: 5 characters (expected: at least 16)");
  }

  @Test
  void unknownProviderVariableIsRefused() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PORTCULLIS_PROVIDER_OPENAI_TOKEN", "x")).resolve(null))
        .hasMessageStartingWith("PORTCULLIS_PROVIDER_OPENAI_TOKEN: unknown setting");
  }

  @Test
  void trustedHostsComeCommaSeparatedFromEnvironment() {
    GatewayConfig c = new ConfigLoader(Map.of("PORTCULLIS_TRUSTED_HOSTS", "127.0.0.1, ollama.local ,")).resolve(null);
    assertThat(c.trustedHosts()).containsExactly("127.0.0.1", "ollama.local");
  }

  @Test
  void toStringNeverShowsProviderKeys() {
    GatewayConfig c = new ConfigLoader(Map.of("PORTCULLIS_PROVIDER_OPENAI_API_KEY", "sk-secret-value",
        "PORTCULLIS_ADMIN_KEY", "admin-secret-value-123")).resolve(null);
    assertThat(c.toString()).doesNotContain("sk-secret-value").doesNotContain("admin-secret-value-123");
    assertThat(c.providers().get("openai").toString()).doesNotContain("sk-secret-value");
  }

  @Test
  void providerCredentialFieldsComeFromYamlAndEnvironment() throws IOException {
    Path yaml = dir.resolve("p.yaml");
    Files.writeString(yaml, """
        providers:
          azure-openai:
            api_key: az-key
            resource_name: my-openai
            deployment_id: gpt-4o-prod
        """);
    GatewayConfig c = new ConfigLoader(Map.of(
        "PORTCULLIS_PROVIDER_AZURE_OPENAI_API_VERSION", "2024-10-21",
        "PORTCULLIS_PROVIDER_BEDROCK_AWS_SECRET_ACCESS_KEY", "aws-secret",
        "PORTCULLIS_PROVIDER_BEDROCK_AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "PORTCULLIS_PROVIDER_BEDROCK_AWS_REGION", "eu-west-1")).load(yaml);

    assertThat(c.providers().get("azure-openai").apiKey()).isEqualTo("az-key");
    assertThat(c.providers().get("azure-openai").fields()).containsOnly(Map.entry("resource_name", "my-openai"),
        Map.entry("deployment_id", "gpt-4o-prod"), Map.entry("api_version", "2024-10-21"));
    assertThat(c.providers().get("bedrock").fields()).containsOnly(
        Map.entry("aws_secret_access_key", "aws-secret"), Map.entry("aws_access_key_id", "AKIDEXAMPLE"),
        Map.entry("aws_region", "eu-west-1"));
    assertThat(c.providers().get("bedrock").toString()).doesNotContain("aws-secret");
  }

  @Test
  void anUnknownKeyIsRefusedWithItsLineAndTheNearestValidKey() throws IOException {
    Path yaml = dir.resolve("portcullis.yaml");
    Files.writeString(yaml, """
        host: 0.0.0.0
        # the port
        prot: 9000
        """);

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(yaml)).isInstanceOf(ConfigException.class)
        .hasMessage("unknown setting 'prot' at line 3 of " + yaml + "; did you mean 'port'?");
  }

  @Test
  void anUnknownKeyFarFromEveryValidOneIsRefusedListingThem() throws IOException {
    Path yaml = dir.resolve("portcullis.yaml");
    Files.writeString(yaml, "telemetry: true\n");

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(yaml))
        .hasMessageStartingWith("unknown setting 'telemetry' at line 1 of " + yaml + " (expected one of: ")
        .hasMessageContaining("admin_key, body_retention_days, cache_max_bytes, dashboard, data_dir, database_url, header_timeout, host");
  }

  @Test
  void anUnknownProviderFieldIsRefusedWithItsPathAndLine() throws IOException {
    Path yaml = dir.resolve("portcullis.yaml");
    Files.writeString(yaml, """
        providers:
          openai:
            base_url: http://127.0.0.1:9000/v1
            api_kye: sk-1
        """);

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(yaml))
        .hasMessage("unknown setting 'providers.openai.api_kye' at line 4 of " + yaml
            + "; did you mean 'providers.openai.api_key'?");
  }

  @Test
  void providersRememberWhereTheyWereSetForLaterRefusals() throws IOException {
    Path yaml = dir.resolve("portcullis.yaml");
    Files.writeString(yaml, """
        port: 8080
        providers:
          opneai:
            api_key: sk-1
        """);

    GatewayConfig c = new ConfigLoader(Map.of("PORTCULLIS_PROVIDER_GROQ_API_KEY", "gsk-1")).load(yaml);

    assertThat(c.providers().get("opneai").source()).isEqualTo("providers.opneai at line 3 of " + yaml);
    assertThat(c.providers().get("groq").source()).isEqualTo("PORTCULLIS_PROVIDER_GROQ_API_KEY");
  }

  @Test
  void anUnknownPortcullisVariableIsWarnedAboutByNameWithTheNearestValidOne() {
    List<String> warnings = new ArrayList<>();

    new ConfigLoader(Map.of("PORTCULLIS_PROT", "9000", "PORTCULLIS_TELEMETRY", "on", "PORTCULLIS_LOG_LEVEL", "DEBUG",
        "HOME", "/root"), warnings::add).resolve(null);

    assertThat(warnings).containsExactly(
        "PORTCULLIS_PROT: unknown variable, ignored; did you mean PORTCULLIS_PORT?",
        "PORTCULLIS_TELEMETRY: unknown variable, ignored (the settings are listed in docs/configuration.md)");
  }
}
