package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.Portcullis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importers: a Portkey account through a mock of its admin API (the documented shapes of its list endpoints),
 * Portkey config files, and a LiteLLM config written after LiteLLM's documented examples.
 */
class ImportCommandTest {

  private static final String PORTKEY_KEY = "pk-admin-test";

  @TempDir Path dir;
  private HttpServer portkey;
  private final List<String> portkeyRequests = new ArrayList<>();

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void startPortkeyMock() throws IOException {
    portkey = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portkey.createContext("/v1/", exchange -> {
      String path = exchange.getRequestURI().getPath().substring("/v1".length());
      portkeyRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      String file = switch (path) {
        case "/admin/workspaces" -> "workspaces.json";
        case "/virtual-keys" -> "virtual-keys.json";
        case "/configs" -> "configs.json";
        case "/prompts" -> "prompts.json";
        default -> path.startsWith("/configs/") ? "config-" + path.substring("/configs/".length()) + ".json"
            : path.endsWith("/versions") ? "prompt-versions.json" : null;
      };
      byte[] body;
      int status;
      try (InputStream in = file == null ? null : getClass().getResourceAsStream("/migrate/portkey-api/" + file)) {
        if (!PORTKEY_KEY.equals(exchange.getRequestHeaders().getFirst("x-portkey-api-key"))) {
          status = 401;
          body = "{\"success\":false,\"data\":{\"message\":\"Invalid API Key\"}}".getBytes(StandardCharsets.UTF_8);
        } else if (in == null) {
          status = 404;
          body = "{\"success\":false}".getBytes(StandardCharsets.UTF_8);
        } else {
          status = 200;
          body = in.readAllBytes();
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    portkey.start();
  }

  @AfterEach
  void stopPortkeyMock() {
    portkey.stop(0);
  }

  private String portkeyUrl() {
    return "http://127.0.0.1:" + portkey.getAddress().getPort() + "/v1";
  }

  private Run run(String... args) throws IOException {
    Path config = dir.resolve("portcullis.yaml");
    if (!Files.exists(config)) {
      Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n");
    }
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] withConfig = new String[args.length + 2];
      System.arraycopy(args, 0, withConfig, 0, args.length);
      withConfig[args.length] = "-c";
      withConfig[args.length + 1] = config.toString();
      int exit = Portcullis.commandLine().execute(withConfig);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private Path resource(String name) throws IOException {
    Path target = dir.resolve(Path.of(name).getFileName());
    try (InputStream in = getClass().getResourceAsStream("/migrate/" + name)) {
      Files.write(target, in.readAllBytes());
    }
    return target;
  }

  private Path secrets() throws IOException {
    Path secrets = dir.resolve("secrets.yaml");
    Files.writeString(secrets, "main-258f4d: sk-openai-from-file\nazure-test-4110dd: {api_key: az-secret}\n");
    return secrets;
  }

  @Test
  void portkeyImportCreatesWorkspacesKeysLimitsAndConfigsKeepingTheirIdsAndASecondRunChangesNothing()
      throws IOException {
    Run first = run("import", "portkey", "--api-key", PORTKEY_KEY, "--base-url", portkeyUrl(), "--secrets",
        secrets().toString());

    assertThat(first.exit()).as(first.err()).isZero();
    String ws = first.out().lines().filter(l -> l.startsWith("  created workspace 'Product' (")).findFirst()
        .orElseThrow().replaceAll(".*\\((ws-[0-9a-f]+)\\)$", "$1");
    assertThat(first.out()).contains(
        "created virtual key 'main-258f4d' (openai) in workspace '" + ws + "'",
        "created policy rule 'portkey budget of virtual key main-258f4d' in workspace '" + ws + "'",
        "created policy rule 'portkey requests per minute of virtual key main-258f4d' in workspace '" + ws + "'",
        "created virtual key 'azure-test-4110dd' (azure-openai) in workspace '" + ws + "'",
        "created disabled virtual key 'claude-7e11aa' (anthropic) in workspace '" + ws + "'",
        "created config 'pc-fallba-ca7a87' in workspace '" + ws + "'",
        "virtual_keys[main-258f4d].usage_limits.alert_threshold: budget alerts are not imported",
        "prompts[pp-summarise-9f8e]: 2 versions read",
        "virtual key 'claude-7e11aa' in workspace '" + ws + "' has no secret",
        "config 'pc-missin-0b0b0b': config.targets[1]: virtual key 'gone-123abc' does not exist in workspace '"
            + ws + "'");
    assertThat(run("virtual-keys", "list", "--workspace", ws).out()).containsPattern("azure-test-4110dd +azure-openai +enabled")
        .containsPattern("claude-7e11aa +anthropic +disabled");
    assertThat(run("config", "show", "pc-fallba-ca7a87", "--workspace", ws).out())
        .contains("\"virtual_key\":\"azure-test-4110dd\"");
    assertThat(portkeyRequests).contains("GET /v1/virtual-keys?current_page=0&page_size=50&workspace_id="
        + "6f2b1c1e-0d44-4b50-8888-8dd25736052a", "GET /v1/configs/pc-fallba-ca7a87",
        "GET /v1/prompts/3c90c3cc-0d44-4b50-8888-8dd25736052a/versions?current_page=0&page_size=50");

    Run second = run("import", "portkey", "--api-key", PORTKEY_KEY, "--base-url", portkeyUrl(), "--secrets",
        secrets().toString());

    assertThat(second.out().lines().filter(l -> l.startsWith("  ") && !l.contains(": "))
        .takeWhile(l -> !l.equals("Not mapped (left out, by path in the source):")).toList())
        .isNotEmpty().allMatch(l -> l.startsWith("  unchanged "));
    assertThat(second.out()).doesNotContain("  created ");
    assertThat(run("workspaces", "list").out().lines().filter(l -> l.contains("Product"))).hasSize(1);
  }

  @Test
  void aDisabledKeyIsFilledInAndEnabledWhenItsSecretIsGivenLater() throws IOException {
    run("import", "portkey", "--api-key", PORTKEY_KEY, "--base-url", portkeyUrl());
    Path secrets = dir.resolve("later.yaml");
    Files.writeString(secrets, "claude-7e11aa: sk-ant-later\n");

    Run later = run("import", "portkey", "--api-key", PORTKEY_KEY, "--base-url", portkeyUrl(), "--secrets",
        secrets.toString());

    assertThat(later.out()).containsPattern("updated virtual key 'claude-7e11aa' \\(anthropic\\) in workspace "
        + "'ws-[0-9a-f]+': secret filled in, enabled");
  }

  @Test
  void portkeyDryRunPrintsThePlanAndWritesNothing() throws IOException {
    Run plan = run("import", "portkey", "--api-key", PORTKEY_KEY, "--base-url", portkeyUrl(), "--dry-run");

    assertThat(plan.exit()).isZero();
    assertThat(plan.out()).startsWith("Plan (dry run, nothing written):\n")
        .contains("would create workspace 'Product' under 'default'",
            "would create disabled virtual key 'main-258f4d' (openai) in workspace 'new workspace 'Product''",
            "would create config 'pc-fallba-ca7a87'");
    assertThat(run("workspaces", "list").out()).doesNotContain("Product");
    assertThat(run("config", "list").out().lines()).hasSize(1);
  }

  @Test
  void aWrongPortkeyApiKeyExitsTwoNamingTheAnswer() throws IOException {
    Run refused = run("import", "portkey", "--api-key", "pk-wrong", "--base-url", portkeyUrl());

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).startsWith("portcullis: Portkey admin API: GET /virtual-keys answered 401: ");
  }

  @Test
  void liteLlmDeploymentsBecomeKeysTheModelNamesARouterConfigAndBudgetsRulesAndNothingIsDroppedSilently()
      throws IOException {
    Path config = resource("litellm/config.yaml");

    Run first = run("import", "litellm", config.toString());

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains(
        "created virtual key 'gpt-4o-1' (azure-openai) in workspace 'default'",
        "created policy rule 'litellm rpm of virtual key gpt-4o-1' in workspace 'default'",
        "created disabled virtual key 'gpt-4o-2' (azure-openai) in workspace 'default'",
        "created virtual key 'gpt-4o-mini-1' (openai) in workspace 'default'",
        "created policy rule 'litellm budget of virtual key gpt-4o-mini-1' in workspace 'default'",
        "created virtual key 'claude-3-5-sonnet-1' (bedrock) in workspace 'default'",
        "created config 'pc-litellm-router' in workspace 'default'",
        "created policy rule 'litellm budget (litellm_settings)' in workspace 'default'",
        "environment variable AZURE_API_KEY_CA_NOT_SET_IN_TESTS (model_list[1].litellm_params.api_key) is not set");
    assertThat(first.out().lines().filter(l -> l.startsWith("  ")).map(String::strip)).contains(
        "model_list[2].model_info.mode: model metadata is not imported (prices come from the gateway's price "
            + "catalog)",
        "litellm_settings.cache_params.type: the cache store is the gateway's own (in process, or Redis when "
            + "PORTCULLIS_REDIS_URL is set)",
        "router_settings.routing_strategy: 'latency-based-routing': deployments are load-balanced by weight; for "
            + "routing on live latency and health call a bare model name (smart routing)",
        "router_settings.redis_host: no counterpart here",
        "litellm_settings.drop_params: no counterpart here",
        "litellm_settings.success_callback: no counterpart here",
        "general_settings.master_key: no counterpart here");
    assertThat(first.out()).contains("model_list[4]: deployment of model 'nosuchprovider/some-model' not imported");
    assertThat(run("virtual-keys", "list").out()).containsPattern(
        "gpt-4o-1 +azure-openai +enabled +\\(default base URL\\)");
    assertThat(run("config", "show", "pc-litellm-router").out().strip()).isEqualTo("""
        {"strategy":{"mode":"conditional","conditions":[\
        {"then":"gpt-4o","query":{"params.model":{"$eq":"gpt-4o"}}},\
        {"then":"gpt-4o-mini","query":{"params.model":{"$eq":"gpt-4o-mini"}}},\
        {"then":"claude-3-5-sonnet","query":{"params.model":{"$eq":"claude-3-5-sonnet"}}},\
        {"then":"gpt-4o","query":{"params.model":{"$eq":"gpt-4"}}}],"default":"gpt-4o"},"targets":[\
        {"name":"gpt-4o","strategy":{"mode":"fallback"},"targets":[\
        {"strategy":{"mode":"loadbalance"},"targets":[\
        {"virtual_key":"gpt-4o-1","override_params":{"model":"gpt-4o-eu"}},\
        {"virtual_key":"gpt-4o-2","override_params":{"model":"gpt-4o-ca"}}]},\
        {"strategy":{"mode":"loadbalance"},"targets":[\
        {"virtual_key":"gpt-4o-mini-1","override_params":{"model":"gpt-4o-mini","temperature":0.2}}]}]},\
        {"name":"gpt-4o-mini","strategy":{"mode":"loadbalance"},"targets":[\
        {"virtual_key":"gpt-4o-mini-1","override_params":{"model":"gpt-4o-mini","temperature":0.2}}]},\
        {"name":"claude-3-5-sonnet","strategy":{"mode":"loadbalance"},"targets":[\
        {"virtual_key":"claude-3-5-sonnet-1","override_params":{"model":"anthropic.claude-3-5-sonnet-20240620-v1:0"}}]}],\
        "retry":{"attempts":3},"request_timeout":30000,"cache":{"mode":"simple","max_age":600}}""");

    Run second = run("import", "litellm", config.toString());

    assertThat(second.out()).doesNotContain("created", "updated").contains("unchanged config 'pc-litellm-router'",
        "unchanged policy rule 'litellm budget (litellm_settings)'");
  }

  @Test
  void portkeyConfigFilesBecomeSavedConfigsValidatedWithMissingVirtualKeysListed() throws IOException {
    Path fallback = resource("portkey-configs/fallback.json");
    Path broken = resource("portkey-configs/broken.json");

    Run first = run("import", "portkey-config", fallback.toString(), broken.toString());

    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("created config 'pc-fallback' in workspace 'default'",
        broken + ": config 'pc-broken' is not valid here: strategy.mode: 'sideways' (expected: one of single, "
            + "fallback, loadbalance, conditional)",
        "config 'pc-fallback': config.targets[0]: virtual key 'openai-prod' does not exist in workspace 'default'");
    assertThat(run("import", "portkey-config", fallback.toString()).out())
        .contains("unchanged config 'pc-fallback'").doesNotContain("created");
  }
}
