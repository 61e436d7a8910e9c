package dev.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.ApiKeyService;
import dev.portcullis.prompt.Prompt;
import dev.portcullis.prompt.PromptDefinition;
import dev.portcullis.prompt.PromptLabel;
import dev.portcullis.prompt.PromptService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code portcullis prompts list | show | push FILE | pull [DIR]}: the prompt library kept in a repository as YAML
 * files, one prompt a file ({@code slug}, {@code name} and the fields of the admin API).
 */
@Command(name = "prompts", mixinStandardHelpOptions = true, description = "Keep prompts in a repository as YAML files.",
    subcommands = {PromptsCommand.ListPrompts.class, PromptsCommand.Show.class, PromptsCommand.Push.class,
        PromptsCommand.Pull.class})
public final class PromptsCommand {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

  @Option(names = {"-c", "--config"}, description = "Gateway YAML config file", scope = ScopeType.INHERIT)
  Path configFile;

  @Option(names = "--workspace", defaultValue = ApiKeyService.DEFAULT_WORKSPACE, scope = ScopeType.INHERIT)
  String workspace;

  /** A prompt as its file holds it: slug, name, then the definition's fields. */
  static ObjectNode file(Prompt p) {
    ObjectNode out = YAML.createObjectNode().put("slug", p.slug()).put("name", p.name());
    out.setAll(p.definition().toJson());
    return out;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List prompts (newest versions).")
  static final class ListPrompts implements Callable<Integer> {
    @ParentCommand PromptsCommand parent;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        PromptService prompts = store.prompts();
        CliTable table = new CliTable("%-24s  %-16s  %-7s  %-24s  %s", "SLUG", "ID", "VERSION", "LABELS", "NAME");
        for (Prompt p : prompts.list(parent.workspace)) {
          String labels = prompts.labels(p.id(), parent.workspace).stream().map(PromptsCommand::describe)
              .collect(Collectors.joining(" "));
          table.row(p.slug(), p.id(), "v" + p.version(), labels.isEmpty() ? "-" : labels, p.name());
        }
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a prompt as its YAML file.")
  static final class Show implements Callable<Integer> {
    @ParentCommand PromptsCommand parent;
    @Parameters(paramLabel = "SLUG", description = "The prompt's slug or id") String slug;
    @Option(names = "--version", description = "A given version (default: the newest)") Integer version;

    @Override
    public Integer call() throws IOException {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        Optional<Prompt> found = store.prompts().find(slug, version, parent.workspace);
        if (found.isEmpty()) {
          System.err.println("prompt '" + slug + "'" + (version == null ? "" : " version " + version)
              + " does not exist in workspace '" + parent.workspace + "'");
          return 1;
        }
        System.out.print(YAML.writeValueAsString(file(found.get())));
        return 0;
      }
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Create or update the prompt a YAML file describes (by its slug).",
          "A file equal to the newest version changes nothing, so pushing twice makes one version."})
  static final class Push implements Callable<Integer> {
    private static final Set<String> FIELDS = fields();

    @ParentCommand PromptsCommand parent;
    @Parameters(paramLabel = "FILE") List<Path> files;

    @Override
    public Integer call() {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        int failed = 0;
        for (Path file : files) {
          try {
            System.out.println(file + ": " + push(store.prompts(), store, read(file)));
          } catch (GatewayException | IOException e) {
            System.err.println(file + ": " + e.getMessage());
            failed++;
          }
        }
        return failed == 0 ? 0 : 1;
      }
    }

    private String push(PromptService prompts, StoreSession store, ObjectNode yaml) {
      String slug = yaml.path("slug").asText(null);
      if (slug == null) {
        throw GatewayException.badRequest("slug: missing (expected: the prompt's slug, e.g. slug: support-reply)");
      }
      String name = yaml.hasNonNull("name") ? yaml.get("name").asText() : null;
      PromptDefinition definition = PromptDefinition.parse(yaml);
      Optional<Prompt> existing = prompts.find(slug, null, parent.workspace);
      if (existing.isEmpty()) {
        Prompt created = prompts.create(parent.workspace, slug, name, definition, store.actor());
        return "created " + created.slug() + " v" + created.version() + " (" + created.id() + ")";
      }
      Prompt latest = existing.get();
      if (latest.definition().equals(definition) && (name == null || name.equals(latest.name()))) {
        return "unchanged " + latest.slug() + " v" + latest.version();
      }
      Prompt next = prompts.update(latest.id(), parent.workspace, name, definition.asChanges(), store.actor());
      return "updated " + next.slug() + " v" + next.version();
    }

    private static ObjectNode read(Path file) throws IOException {
      JsonNode tree = YAML.readTree(Files.readString(file));
      if (!(tree instanceof ObjectNode yaml)) {
        throw GatewayException.badRequest("not a YAML mapping (expected: slug, name, template, model...)");
      }
      for (Iterator<String> names = yaml.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!FIELDS.contains(field)) {
          throw GatewayException.badRequest(field + ": unknown field (expected one of: "
              + String.join(", ", new TreeSet<>(FIELDS)) + ")");
        }
      }
      return yaml;
    }

    private static Set<String> fields() {
      Set<String> all = new HashSet<>(PromptDefinition.FIELDS);
      all.add("slug");
      all.add("name");
      return Set.copyOf(all);
    }
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = "Write every prompt's newest version to DIR/<slug>.yaml (default DIR: prompts).")
  static final class Pull implements Callable<Integer> {
    @ParentCommand PromptsCommand parent;
    @Parameters(paramLabel = "DIR", defaultValue = "prompts") Path dir;

    @Override
    public Integer call() throws IOException {
      try (StoreSession store = new StoreSession(parent.configFile)) {
        Files.createDirectories(dir);
        List<Prompt> all = store.prompts().list(parent.workspace);
        for (Prompt p : all) {
          Path file = dir.resolve(p.slug() + ".yaml");
          Files.writeString(file, YAML.writeValueAsString(file(p)));
          System.out.println(file + ": " + p.slug() + " v" + p.version());
        }
        System.out.println(all.size() + " prompts written to " + dir);
        return 0;
      }
    }
  }

  private static String describe(PromptLabel label) {
    return label.label() + "=" + label.versions().stream()
        .map(v -> label.versions().size() == 1 ? "v" + v.version() : "v" + v.version() + ":" + v.weight())
        .collect(Collectors.joining(","));
  }
}
