package dev.portcullis.cli;

import dev.portcullis.keys.ApiKey;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.Role;
import dev.portcullis.keys.Scope;
import dev.portcullis.keys.TenancyViews;
import dev.portcullis.keys.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis keys create | list | show | rotate | revoke}: gateway API keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage gateway API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Show.class,
        KeysCommand.Rotate.class, KeysCommand.Revoke.class})
public final class KeysCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Option(names = "--name", required = true, description = "A name for the key") String name;
    @Option(names = "--role", description = "admin, member or viewer (default: member)") String role;
    @Option(names = "--scopes", split = ",", description = "Instead of a role: inference, admin, read-only")
    List<String> scopes;
    @Option(names = "--expires-at", description = "ISO-8601 instant, e.g. 2027-01-31T00:00:00Z") Instant expiresAt;
    @Option(names = "--workspace", defaultValue = Workspace.ROOT) String workspace;
    @Option(names = "--user", description = "Id of the user the key belongs to") String user;
    @Option(names = "--default-config", description = "Routing config JSON, or a saved config id as a JSON string")
    String defaultConfig;
    @Option(names = "--metadata", description = "key=value, repeatable") Map<String, String> metadata;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        ApiKeyService.CreatedKey created = store.tenancy().apiKeys().create(Reach.everything(), store.actor(),
            new ApiKeyService.Draft(workspace, name, role == null ? null : Role.parse(role),
                scopes == null ? null : Scope.parseAll(scopes, "--scopes"), user, expiresAt, defaultConfig, metadata));
        print(created);
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Option(names = "--workspace", defaultValue = Workspace.ROOT) String workspace;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        CliTable table = new CliTable("%-36s  %-20s  %-26s  %-12s  %s", "ID", "NAME", "SCOPES", "PREFIX", "STATE");
        for (ApiKey k : store.tenancy().apiKeys().list(Reach.everything(), workspace)) {
          table.row(k.id(), k.name(), Scope.join(k.scopes()),
              k.displayPrefix(), k.revokedAt() != null ? "revoked"
                  : k.expiresAt() != null ? "expires " + k.expiresAt() : "active");
        }
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one key (never its secret).")
  static final class Show implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        System.out.println(TenancyViews.of(store.tenancy().apiKeys().find(Reach.everything(), id))
            .toPrettyString());
        return 0;
      });
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Give a key a new secret, printed once; the old one works for the grace period.")
  static final class Rotate implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--grace", description = "How long the old secret keeps working, e.g. PT1H, PT0S "
        + "(default: PT1H)") Duration grace;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        ApiKeyService.CreatedKey rotated = store.tenancy().apiKeys().rotate(Reach.everything(), store.actor(), id,
            grace);
        print(rotated);
        System.out.println("(the previous secret works until " + rotated.key().previousValidUntil() + ")");
        return 0;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand KeysCommand parent;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      return StoreSession.run(parent.configFile, store -> {
        store.tenancy().apiKeys().revoke(Reach.everything(), store.actor(), id);
        System.out.println("revoked " + id);
        return 0;
      });
    }
  }

  private static void print(ApiKeyService.CreatedKey created) {
    System.out.println("id:        " + created.key().id());
    System.out.println("workspace: " + created.key().workspaceId());
    System.out.println("scopes:    " + Scope.join(created.key().scopes()));
    System.out.println("key:       " + created.secret());
    System.out.println("(the key is shown only now; it is stored as a hash)");
  }
}
