package dev.portcullis.cli;

import dev.portcullis.keys.ApiKey;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis keys create | list | revoke}: gateway API keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage gateway API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {

  @Option(names = {"-c", "--config"}, description = "YAML config file", scope = picocli.CommandLine.ScopeType.INHERIT)
  Path configFile;

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
  static final class Create implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand KeysCommand parent;
    @Option(names = "--name", required = true, description = "A name for the key") String name;
    @Option(names = "--role", defaultValue = "member", description = "admin, member or viewer (default: member)") String role;
    @Option(names = "--expires-at", description = "ISO-8601 instant, e.g. 2027-01-31T00:00:00Z") Instant expiresAt;
    @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE) String workspace;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        ApiKeyService.CreatedKey created = store.apiKeys().create(name, Role.parse(role), workspace, expiresAt);
        System.out.println("id:     " + created.key().id());
        System.out.println("role:   " + created.key().role().wireName());
        System.out.println("key:    " + created.secret());
        System.out.println("(the key is shown only now; it is stored as a hash)");
        return 0;
      } catch (IllegalArgumentException e) {
        System.err.println("portcullis: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand KeysCommand parent;
    @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE) String workspace;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        for (ApiKey k : store.apiKeys().list(workspace)) {
          System.out.printf("%-36s  %-20s  %-6s  %-12s  %s%n", k.id(), k.name(), k.role().wireName(),
              k.displayPrefix(), k.revokedAt() != null ? "revoked" : k.expiresAt() != null ? "expires " + k.expiresAt() : "active");
        }
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
  static final class Revoke implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand KeysCommand parent;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        if (!store.apiKeys().revoke(id)) {
          System.err.println("portcullis: api key '" + id + "' does not exist or is already revoked");
          return 1;
        }
        System.out.println("revoked " + id);
        return 0;
      }
    }
  }
}
