package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import picocli.CommandLine;

/** The tenancy commands over the same services as the admin API: workspaces, keys, vault rotation, audit verify. */
class TenancyCommandsTest {

  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private Run run(String... args) throws Exception {
    Path config = dir.resolve("portcullis.yaml");
    if (!Files.exists(config)) {
      Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n");
    }
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      String[] withConfig = new String[args.length + 2];
      System.arraycopy(args, 0, withConfig, 0, args.length);
      withConfig[args.length] = "-c";
      withConfig[args.length + 1] = config.toString();
      int exit = new CommandLine(new Portcullis()).execute(withConfig);
      return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
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
    assertThat(status.out().lines().filter(l -> l.contains(" rows "))).hasSize(1).allMatch(l -> l.endsWith("current"));

    Run verified = run("audit", "verify");
    assertThat(verified.exit()).isZero();
    assertThat(verified.out()).startsWith("{\"valid\": true, \"entries_checked\": 5,");

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/portcullis.db"));
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM audit_log WHERE seq = 2");
    }
    Run broken = run("audit", "verify");
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).contains("\"valid\": false").contains("\"seq\": 2")
        .contains("entry 2 is missing (deleted); the next entry is 3");
  }
}
