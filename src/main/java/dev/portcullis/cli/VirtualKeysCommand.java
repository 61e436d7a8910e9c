package dev.portcullis.cli;

import dev.portcullis.config.ConfigException;
import dev.portcullis.keys.CredentialFields;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.keys.VirtualKeyService;
import dev.portcullis.keys.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis virtual-keys create | list | rotate | enable | disable | delete}: provider credentials. */
@Command(name = "virtual-keys", mixinStandardHelpOptions = true, description = "Manage virtual keys.",
    subcommands = {VirtualKeysCommand.Create.class, VirtualKeysCommand.ListKeys.class, VirtualKeysCommand.Rotate.class,
        VirtualKeysCommand.Enable.class, VirtualKeysCommand.Disable.class, VirtualKeysCommand.Delete.class})
public final class VirtualKeysCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Option(names = "--workspace", defaultValue = Workspace.ROOT, scope = ScopeType.INHERIT,
      description = "Workspace of the key (default: default)")
  String workspace;

  /** Credential fields from options; secrets preferably from environment variables, out of shell history. */
  static final class Credentials {
    @Option(names = "--api-key-env", description = "Read api_key from this environment variable") String apiKeyEnv;
    @Option(names = "--api-key", description = "The provider key (prefer --api-key-env)") String apiKey;
    @Option(names = "--field", description = "A credential field, name=value (e.g. resource_name=my-openai); "
        + "repeatable") Map<String, String> fields;
    @Option(names = "--field-env", description = "A credential field read from an environment variable, "
        + "name=VARIABLE (e.g. aws_secret_access_key=AWS_SECRET); repeatable") Map<String, String> fieldEnvs;

    Map<String, String> values() {
      Map<String, String> out = new LinkedHashMap<>();
      if (fields != null) {
        out.putAll(fields);
      }
      if (apiKey != null) {
        out.put(CredentialFields.API_KEY, apiKey);
      }
      Map<String, String> envs = new LinkedHashMap<>();
      if (fieldEnvs != null) {
        envs.putAll(fieldEnvs);
      }
      if (apiKeyEnv != null) {
        envs.put(CredentialFields.API_KEY, apiKeyEnv);
      }
      envs.forEach((field, variable) -> {
        String value = System.getenv(variable);
        if (value == null) {
          throw new ConfigException(field + ": environment variable " + variable + " is not set");
        }
        out.put(field, value);
      });
      return out;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Store a provider credential, encrypted, under a slug (call it as @slug/model).")
  static final class Create implements Callable<Integer> {
    @ParentCommand VirtualKeysCommand parent;
    @Option(names = "--provider", required = true, description = "Provider id, e.g. openai, azure-openai, bedrock")
    String provider;
    @Option(names = "--slug", description = "Slug (default: generated)") String slug;
    @Option(names = "--name", description = "Display name") String name;
    @Option(names = "--base-url", description = "Custom base URL, e.g. http://host:8000/v1") String baseUrl;
    @Option(names = "--models", split = ",", description = "Allowed models, comma-separated (default: any)")
    List<String> models;
    @Mixin Credentials credentials;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        VirtualKey key = store.tenancy().virtualKeys().create(Reach.everything(), store.actor(), parent.workspace,
            new VirtualKeyService.Draft(slug, name, provider, credentials.values(), baseUrl, models));
        System.out.println("slug:     " + key.slug());
        System.out.println("provider: " + key.provider());
        System.out.println("use it as model \"@" + key.slug() + "/<model>\"");
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List virtual keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand VirtualKeysCommand parent;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        CliTable table = new CliTable("%-24s  %-14s  %-8s  %-30s  %s", "SLUG", "PROVIDER", "STATE", "BASE_URL",
            "MODELS");
        for (VirtualKey k : store.tenancy().virtualKeys().list(Reach.everything(), parent.workspace)) {
          table.row(k.slug(), k.provider(),
              k.enabled() ? "enabled" : "disabled", k.baseUrl() == null ? "(default base URL)" : k.baseUrl(),
              k.models().isEmpty() ? "any model" : String.join(",", k.models()));
        }
        return 0;
      });
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Replace a key's credential (give every field, as at creation); the slug stays.")
  static final class Rotate implements Callable<Integer> {
    @ParentCommand VirtualKeysCommand parent;
    @Parameters(paramLabel = "SLUG") String slug;
    @Mixin Credentials credentials;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        store.tenancy().virtualKeys().rotate(Reach.everything(), store.actor(), parent.workspace, slug,
            credentials.values());
        System.out.println("rotated " + slug);
        return 0;
      });
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a key serve calls again.")
  static final class Enable implements Callable<Integer> {
    @ParentCommand VirtualKeysCommand parent;
    @Parameters(paramLabel = "SLUG") String slug;

    @Override
    public Integer call() {
      return parent.setEnabled(slug, true);
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Refuse calls through a key.")
  static final class Disable implements Callable<Integer> {
    @ParentCommand VirtualKeysCommand parent;
    @Parameters(paramLabel = "SLUG") String slug;

    @Override
    public Integer call() {
      return parent.setEnabled(slug, false);
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a virtual key by slug.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand VirtualKeysCommand parent;
    @Parameters(paramLabel = "SLUG") String slug;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        store.tenancy().virtualKeys().delete(Reach.everything(), store.actor(), parent.workspace, slug);
        System.out.println("deleted " + slug);
        return 0;
      });
    }
  }

  private int setEnabled(String slug, boolean enabled) {
    return StoreSession.run(configFile, store -> {
      store.tenancy().virtualKeys().update(Reach.everything(), store.actor(), workspace, slug,
          new VirtualKeyService.Patch(null, null, null, enabled));
      System.out.println((enabled ? "enabled " : "disabled ") + slug);
      return 0;
    });
  }
}
