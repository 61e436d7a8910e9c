package dev.portcullis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.policy.Counters;
import dev.portcullis.policy.Governance;
import dev.portcullis.policy.Limits;
import dev.portcullis.policy.LocalCounters;
import dev.portcullis.policy.PolicyExplainer;
import dev.portcullis.policy.PolicyFacts;
import dev.portcullis.policy.PriceCatalog;
import dev.portcullis.policy.RedisCounters;
import dev.portcullis.policy.RedisFailureMode;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis policy explain}: what the policy rules would decide about a request. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Policy rules.",
    subcommands = {PolicyCommand.Explain.class})
public final class PolicyCommand {

  @Option(names = {"-c", "--config"}, description = "Gateway YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = {"Prints, as POST /admin/v1/policies/explain answers it, what the rules in force would decide "
          + "about a request and what its limits have left.",
          "Limits are read from Redis when the gateway has one; without Redis they are counted inside each gateway "
              + "process, which this command cannot see, and show as unused."})
  static final class Explain implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;
    @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE) String workspace;
    @Option(names = "--model") String model;
    @Option(names = "--provider") String provider;
    @Option(names = "--virtual-key") String virtualKey;
    @Option(names = "--metadata", description = "key=value, repeatable") Map<String, String> metadata;
    @Option(names = "--user") String user;
    @Option(names = "--path", defaultValue = "/v1/chat/completions") String path;
    @Option(names = "--api-key-id") String apiKeyId;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        GatewayConfig config = store.config();
        Clock clock = Clock.systemUTC();
        Vertx vertx = config.redisUrl() == null ? null : Vertx.vertx();
        try {
          Counters counters = vertx == null ? new LocalCounters(clock::millis)
              : new RedisCounters(vertx, config.redisUrl());
          Governance governance = new Governance(store.database(), config.priceCatalog() == null
              ? PriceCatalog.bundled() : PriceCatalog.load(config.priceCatalog()),
              new Limits(counters, RedisFailureMode.of(config.limitsOnRedisFailure())));
          governance.reload();
          Map<String, String> md = metadata == null ? Map.of() : metadata;
          PolicyFacts facts = new PolicyFacts(md, user != null ? user : md.get("_user"), apiKeyId, workspace, model,
              provider, virtualKey, path, clock.instant(), () -> null);
          System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
              new PolicyExplainer(governance).explain(facts).await(10, TimeUnit.SECONDS)));
          return 0;
        } catch (Exception e) {
          System.err.println("portcullis policy explain: " + e.getMessage());
          return 1;
        } finally {
          if (vertx != null) {
            vertx.close().await();
          }
        }
      });
    }
  }
}
