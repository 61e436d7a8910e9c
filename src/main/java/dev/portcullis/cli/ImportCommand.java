package dev.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portcullis.keys.Workspace;
import dev.portcullis.migrate.importer.ImportReport;
import dev.portcullis.migrate.importer.ImportTarget;
import dev.portcullis.migrate.importer.LiteLlmImport;
import dev.portcullis.migrate.importer.PortkeyAdminClient;
import dev.portcullis.migrate.importer.PortkeyConfigFiles;
import dev.portcullis.migrate.importer.PortkeyImport;
import dev.portcullis.migrate.importer.VirtualKeySecrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code portcullis import portkey | portkey-config | litellm}: bring a Portkey or LiteLLM set-up over. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import virtual keys, configs and budgets from Portkey or LiteLLM (idempotent, audited).",
    subcommands = {ImportCommand.Portkey.class, ImportCommand.PortkeyConfig.class, ImportCommand.LiteLlm.class})
public final class ImportCommand {

  @Option(names = {"-c", "--config"}, description = "Gateway YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Option(names = "--workspace", defaultValue = Workspace.ROOT, scope = ScopeType.INHERIT,
      description = "Workspace to import into (default: default)")
  String workspace;

  @Option(names = "--dry-run", scope = ScopeType.INHERIT, description = "Print the plan; write nothing")
  boolean dryRun;

  private int run(Consumer<ImportTarget> body) {
    return StoreSession.run(configFile, store -> {
      ImportReport report = new ImportReport(dryRun);
      body.accept(new ImportTarget(store.tenancy(), store.savedConfigs(), store.policies(), store.actor(), report));
      System.out.print(report.render());
      return 0;
    });
  }

  @Command(name = "portkey", mixinStandardHelpOptions = true,
      description = {"Read a Portkey account through its admin API (workspaces, virtual keys, configs, prompts) "
          + "and create it here.",
          "Portkey never returns provider secrets: each virtual key's comes from --secrets or PORTKEY_VK_<SLUG>; "
              + "keys without one are created disabled and listed."})
  static final class Portkey implements Callable<Integer> {
    @ParentCommand ImportCommand parent;
    @Option(names = "--api-key", required = true, description = "A Portkey API key that may read the account")
    String apiKey;
    @Option(names = "--base-url", defaultValue = PortkeyAdminClient.DEFAULT_BASE_URL,
        description = "Portkey's API (default: ${DEFAULT-VALUE})") String baseUrl;
    @Option(names = "--secrets", description = "YAML file: virtual key slug -> secret (or -> fields)")
    Path secrets;

    @Override
    public Integer call() {
      VirtualKeySecrets known = VirtualKeySecrets.of(secrets, System.getenv());
      return parent.run(target -> new PortkeyImport(new PortkeyAdminClient(baseUrl, apiKey), known)
          .run(target, parent.workspace));
    }
  }

  @Command(name = "portkey-config", mixinStandardHelpOptions = true,
      description = "Save Portkey config JSON files as configs (validated; id from the file name).")
  static final class PortkeyConfig implements Callable<Integer> {
    @ParentCommand ImportCommand parent;
    @Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files;

    @Override
    public Integer call() {
      return parent.run(target -> PortkeyConfigFiles.run(target, parent.workspace, files));
    }
  }

  @Command(name = "litellm", mixinStandardHelpOptions = true,
      description = "Import a LiteLLM proxy config.yaml: model_list, router_settings, budgets, cache.")
  static final class LiteLlm implements Callable<Integer> {
    @ParentCommand ImportCommand parent;
    @Parameters(paramLabel = "CONFIG_YAML") Path file;

    @Override
    public Integer call() {
      JsonNode root;
      try {
        root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": cannot be read as YAML: " + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + ": not a LiteLLM config (expected: a mapping with model_list)");
      }
      Path directory = file.toAbsolutePath().getParent();
      return parent.run(target -> new LiteLlmImport(root, System.getenv(), directory).run(target, parent.workspace));
    }
  }
}
