package dev.portcullis.cli;

import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.saved.SavedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis config validate | create | list | show | update | delete}: routing configs. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Validate and manage routing configs.",
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Create.class, ConfigCommand.ListConfigs.class,
        ConfigCommand.Show.class, ConfigCommand.Update.class, ConfigCommand.Delete.class})
public final class ConfigCommand {

  @Option(names = {"-c", "--config"}, description = "Gateway YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE, scope = ScopeType.INHERIT)
  String workspace;

  static String read(Path file) throws IOException {
    return Files.readString(file);
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check a routing config file; prints the parsed plan or the first error with its JSON path.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    public Integer call() throws IOException {
      try {
        RoutingPlan plan = RoutingConfigParser.parse(read(file));
        System.out.println("valid: " + plan);
        return 0;
      } catch (GatewayException e) {
        System.err.println(file + ": " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Save a config; prints its id.")
  static final class Create implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;
    @Option(names = "--name", description = "Display name") String name;
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    public Integer call() throws IOException {
      String body = read(file);
      try (StoreSession store = new StoreSession(parent.configFile)) {
        SavedConfig c = store.savedConfigs().create(name, body, parent.workspace, store.actor());
        System.out.println(c.id() + " (version " + c.version() + ")");
        return 0;
      } catch (GatewayException e) {
        System.err.println(file + ": " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List saved configs (newest versions).")
  static final class ListConfigs implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        for (SavedConfig c : store.savedConfigs().list(parent.workspace)) {
          System.out.printf("%-18s  v%-4d  %s%n", c.id(), c.version(), c.name());
        }
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a saved config's JSON.")
  static final class Show implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--version", description = "A given version (default: the newest)") Integer version;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        return store.savedConfigs().find(id, version, parent.workspace).map(c -> {
          System.out.println(c.body());
          return 0;
        }).orElseGet(() -> {
          System.err.println("portcullis: config '" + id + "' does not exist");
          return 1;
        });
      }
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true, description = "Save a new version of a config.")
  static final class Update implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "FILE") Path file;

    @Override
    public Integer call() throws IOException {
      String body = read(file);
      try (StoreSession store = new StoreSession(parent.configFile)) {
        SavedConfig c = store.savedConfigs().update(id, null, body, parent.workspace, store.actor());
        System.out.println(c.id() + " (version " + c.version() + ")");
        return 0;
      } catch (GatewayException e) {
        System.err.println("portcullis: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a config and its versions.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        store.savedConfigs().delete(id, parent.workspace, store.actor());
        System.out.println("deleted " + id);
        return 0;
      } catch (GatewayException e) {
        System.err.println("portcullis: " + e.getMessage());
        return 1;
      }
    }
  }
}
