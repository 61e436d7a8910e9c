package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.Portcullis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenancy commands over the same services as the admin API: workspaces, keys, vault rotation, audit verify. */
class TenancyCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) throws Exception {
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

  @Test
  void configValidateNamesEveryVirtualKeyTheConfigNamesThatDoesNotExistWithItsPath() throws Exception {
    assertThat(run("virtual-keys", "create", "--provider", "openai", "--slug", "oa-primary", "--api-key", "sk-1")
        .exit()).isZero();
    Path routing = dir.resolve("routing.json");
    Files.writeString(routing, """
        {"strategy": {"mode": "fallback"}, "targets": [
          {"virtual_key": "oa-primary"},
          {"virtual_key": "oa-backup"},
          {"strategy": {"mode": "loadbalance"}, "targets": [{"provider": "@azure-eu"}, {"virtual_key": "oa-primray"}]}]}
        """);

    Run validated = run("config", "validate", routing.toString());

    assertThat(validated.exit()).isEqualTo(1);
    assertThat(validated.out()).isEmpty();
    assertThat(validated.err().lines()).containsExactly(
        routing + ": config.targets[1]: virtual key 'oa-backup' does not exist in workspace 'default' (expected one "
            + "of: oa-primary)",
        routing + ": config.targets[2].targets[0]: virtual key 'azure-eu' does not exist in workspace 'default' "
            + "(expected one of: oa-primary)",
        routing + ": config.targets[2].targets[1]: virtual key 'oa-primray' does not exist in workspace 'default' "
            + "(did you mean 'oa-primary'?)");
  }

  @Test
  void helpListsEveryCommandTheLauncherTakesAndListsPrintAHeaderRow() throws Exception {
    assertThat(Portcullis.commandLine().getUsageMessage()).contains("  serve ", "  keys ", "  config ", "  test ",
        "  mock-upstream ");
    assertThat(run("keys", "list").out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "SCOPES");
    assertThat(run("workspaces", "list").out().lines().findFirst().orElseThrow()).startsWith("ID").contains("PARENT");
    assertThat(run("virtual-keys", "list").out()).startsWith("SLUG");
    assertThat(run("config", "list").out()).startsWith("ID");
  }

  @Test
  void aFailureIsOneLineWithExitTwoAndNoStackTrace() throws Exception {
    Run refused = run("keys", "create", "--name", "x", "--role", "owner");

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("portcullis: role: 'owner' (expected one of: admin, member, viewer)\n");
  }

  @Test
  void masterKeyRotationReencryptsEveryVirtualKeyAndTheAuditChainStaysValid() throws Exception {
    Run ws = run("workspaces", "create", "--name", "acme", "--max-api-keys", "2");
    assertThat(ws.exit()).isZero();
    String wsId = ws.out().lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).trim();
    assertThat(run("keys", "create", "--name", "acme-app", "--workspace", wsId).out()).contains("key:       pcl-");
    assertThat(run("virtual-keys", "create", "--provider", "openai", "--slug", "oa", "--api-key", "sk-1").exit())
        .isZero();
    assertThat(run("virtual-keys", "create", "--provider", "azure-openai", "--slug", "az", "--api-key", "az-2",
        "--field", "resource_name=my-res", "--field", "deployment_id=gpt-4o", "--field", "api_version=2024-10-21")
        .exit()).isZero();
    String oldKey = Files.readString(dir.resolve("data/master.key"));

    Run rotated = run("vault", "rotate-master-key");
    assertThat(rotated.exit()).as(rotated.out()).isZero();
    assertThat(rotated.out()).contains("re-sealed 2 virtual keys");
    assertThat(Files.readString(dir.resolve("data/master.key"))).isNotEqualTo(oldKey);
    assertThat(Files.readString(dir.resolve("data/master.key.previous"))).isEqualTo(oldKey);
    assertThat(dir.resolve("data/master.key.next")).doesNotExist();
    Run status = run("vault", "status");
    assertThat(status.out().lines()).contains("MASTER_KEY        ROWS  STATE");
    assertThat(status.out().lines().filter(l -> l.matches("[0-9a-f]{12}\\s+\\d+\\s+.*"))).hasSize(1)
        .allMatch(l -> l.endsWith("current"));

    Run verified = run("audit", "verify");
    assertThat(verified.exit()).isZero();
    JsonNode valid = JSON.readTree(verified.out());
    assertThat(valid.path("valid").asBoolean()).isTrue();
    assertThat(valid.path("entries_checked").asLong()).isEqualTo(5);
    assertThat(valid.path("head_seq").asLong()).isEqualTo(5);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/portcullis.db"));
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM audit_log WHERE seq = 2");
    }
    Run broken = run("audit", "verify");
    assertThat(broken.exit()).isEqualTo(1);
    JsonNode verdict = JSON.readTree(broken.out());
    assertThat(verdict.path("valid").asBoolean()).isFalse();
    assertThat(verdict.path("head_seq").asLong()).isEqualTo(5);
    assertThat(verdict.path("head_hash").asText()).isEqualTo(valid.path("head_hash").asText());
    assertThat(verdict.path("first_bad_entry").path("seq").asLong()).isEqualTo(2);
    assertThat(verdict.path("first_bad_entry").path("problem").asText())
        .isEqualTo("entry 2 is missing (deleted); the next entry is 3");
  }
}
