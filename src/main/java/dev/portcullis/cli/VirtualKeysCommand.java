package dev.portcullis.cli;

import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.keys.VirtualKeyService;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis virtual-keys create | list | delete}: provider credentials held by the gateway. */
@Command(name = "virtual-keys", mixinStandardHelpOptions = true, description = "Manage virtual keys.",
    subcommands = {VirtualKeysCommand.Create.class, VirtualKeysCommand.ListKeys.class, VirtualKeysCommand.Delete.class})
public final class VirtualKeysCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = picocli.CommandLine.ScopeType.INHERIT)
  Path configFile;

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Store a provider credential, encrypted, under a slug (call it as @slug/model).")
  static final class Create implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand VirtualKeysCommand parent;
    @Option(names = "--provider", required = true, description = "Provider id, e.g. openai, groq, custom") String provider;
    @Option(names = "--slug", description = "Slug (default: generated)") String slug;
    @Option(names = "--name", description = "Display name") String name;
    @Option(names = "--api-key-env", description = "Read the provider key from this environment variable "
        + "(keeps it out of shell history)") String apiKeyEnv;
    @Option(names = "--api-key", description = "The provider key (prefer --api-key-env)") String apiKey;
    @Option(names = "--base-url", description = "Custom base URL, e.g. http://host:8000/v1") String baseUrl;
    @Option(names = "--models", split = ",", description = "Allowed models, comma-separated (default: any)")
    List<String> models;
    @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE) String workspace;

    @Override
    public Integer call() {
      String secret = apiKeyEnv != null ? System.getenv(apiKeyEnv) : apiKey;
      if (apiKeyEnv != null && secret == null) {
        System.err.println("portcullis: --api-key-env " + apiKeyEnv + ": variable is not set");
        return 2;
      }
      try (StoreSession store = new StoreSession(parent.configFile)) {
        VirtualKey key = store.virtualKeys().create(
            new VirtualKeyService.Draft(slug, name, provider, secret, baseUrl, models), workspace);
        System.out.println("slug:     " + key.slug());
        System.out.println("provider: " + key.provider());
        System.out.println("use it as model \"@" + key.slug() + "/<model>\"");
        return 0;
      } catch (GatewayException e) {
        System.err.println("portcullis: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List virtual keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand VirtualKeysCommand parent;
    @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE) String workspace;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        for (VirtualKey k : store.virtualKeys().list(workspace)) {
          System.out.printf("%-24s  %-14s  %-30s  %s%n", k.slug(), k.provider(),
              k.baseUrl() == null ? "(default base URL)" : k.baseUrl(),
              k.models().isEmpty() ? "any model" : String.join(",", k.models()));
        }
        return 0;
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a virtual key by slug.")
  static final class Delete implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand VirtualKeysCommand parent;
    @Parameters(paramLabel = "SLUG") String slug;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        if (!store.virtualKeys().delete(slug)) {
          System.err.println("portcullis: virtual key '" + slug + "' does not exist");
          return 1;
        }
        System.out.println("deleted " + slug);
        return 0;
      }
    }
  }
}
