package dev.portcullis.cli;

import dev.portcullis.config.NearestName;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.keys.Reach;
import dev.portcullis.keys.VirtualKey;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.config.TargetNode;
import dev.portcullis.routing.saved.SavedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
      description = {"Check a routing config file; prints the parsed plan, or the first error with its JSON path.",
          "Every virtual key it names must exist in --workspace: each missing one is reported with its path."})
  static final class Validate implements Callable<Integer> {
    private static final int SHOWN = 10;

    @ParentCommand ConfigCommand parent;
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    public Integer call() throws IOException {
      RoutingPlan plan;
      try {
        plan = RoutingConfigParser.parse(read(file));
      } catch (GatewayException e) {
        System.err.println(file + ": " + e.getMessage());
        return 1;
      }
      List<TargetNode> viaVirtualKeys = plan.targets().stream().filter(t -> t.virtualKey() != null).toList();
      if (!viaVirtualKeys.isEmpty()) {
        List<String> missing;
        try (StoreSession store = new StoreSession(parent.configFile)) {
          missing = missingVirtualKeys(store, viaVirtualKeys);
        }
        if (!missing.isEmpty()) {
          missing.forEach(line -> System.err.println(file + ": " + line));
          return 1;
        }
      }
      System.out.println("valid: " + plan);
      return 0;
    }

    private List<String> missingVirtualKeys(StoreSession store, List<TargetNode> targets) {
      Set<String> slugs = store.tenancy().virtualKeys().list(Reach.everything(), parent.workspace).stream()
          .map(VirtualKey::slug).collect(Collectors.toSet());
      return targets.stream().filter(t -> !slugs.contains(t.virtualKey()))
          .map(t -> t.path() + ": virtual key '" + t.virtualKey() + "' does not exist in workspace '"
              + parent.workspace + "' (" + (slugs.isEmpty() ? "expected: a virtual key of it; it has none"
                  : NearestName.of(t.virtualKey(), slugs).map(n -> "did you mean '" + n + "'?")
                      .orElseGet(() -> "expected one of: " + listed(slugs))) + ")")
          .toList();
    }

    private static String listed(Set<String> slugs) {
      List<String> sorted = slugs.stream().sorted().toList();
      return sorted.size() <= SHOWN ? String.join(", ", sorted)
          : String.join(", ", sorted.subList(0, SHOWN)) + " and " + (sorted.size() - SHOWN) + " more";
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
        CliTable table = new CliTable("%-18s  %-7s  %s", "ID", "VERSION", "NAME");
        for (SavedConfig c : store.savedConfigs().list(parent.workspace)) {
          table.row(c.id(), "v" + c.version(), c.name());
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
