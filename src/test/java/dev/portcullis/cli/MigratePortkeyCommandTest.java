package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Portcullis;
import dev.portcullis.migrate.FixtureRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis migrate portkey} on a fixture repository in Python, TypeScript and Java. */
class MigratePortkeyCommandTest {

  @TempDir Path dir;
  private Path repo;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void copyFixture() {
    repo = FixtureRepository.copy("/migrate/portkey-repo", dir.resolve("repo"));
  }

  private Run run(String stdin, String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    InputStream originalIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int exit = Portcullis.commandLine().execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      System.setIn(originalIn);
    }
  }

  private Map<String, String> contents() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(repo.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }

  private String read(String file) throws IOException {
    return Files.readString(repo.resolve(file));
  }

  @Test
  void dryRunShowsAUnifiedDiffOfEveryChangeAndWritesNothing() throws IOException {
    Map<String, String> before = contents();

    Run dry = run("", "migrate", "portkey", repo.toString(), "--dry-run");

    assertThat(dry.exit()).isZero();
    assertThat(contents()).isEqualTo(before);
    assertThat(dry.out()).contains("""
        --- a/app/main.py
        +++ b/app/main.py
        @@ -1,19 +1,20 @@
         import os
        \s
        -from portkey_ai import Portkey, PORTKEY_GATEWAY_URL, createHeaders
        +from portkey_ai import Portkey, createHeaders
         from openai import OpenAI
        \s
         portkey = Portkey(
        +    base_url="http://127.0.0.1:8787/v1",
             api_key=os.environ["PORTKEY_API_KEY"],
             virtual_key="openai-prod",
             config="pc-fallback-1a2b3c",
         )
        \s
        -quick = Portkey(api_key=os.environ["PORTKEY_API_KEY"])
        +quick = Portkey(base_url="http://127.0.0.1:8787/v1", api_key=os.environ["PORTKEY_API_KEY"])
        \s
         openai_client = OpenAI(
             api_key="not-used",
        -    base_url=PORTKEY_GATEWAY_URL,
        +    base_url="http://127.0.0.1:8787/v1",
             default_headers=createHeaders(provider="openai", api_key=os.environ["PORTKEY_API_KEY"]),
         )
        \s
        """);
    assertThat(dry.out()).contains("""
        --- a/web/src/client.ts
        +++ b/web/src/client.ts
        @@ -1,21 +1,22 @@
        -import Portkey, { PORTKEY_GATEWAY_URL, createHeaders } from 'portkey-ai';
        +import Portkey, { createHeaders } from 'portkey-ai';
         import OpenAI from 'openai';
        \s
         export const portkey = new Portkey({
        +  baseURL: 'http://127.0.0.1:8787/v1',
           apiKey: process.env.PORTKEY_API_KEY,
           virtualKey: 'azure-eu',
         });
        \s
        -export const inline = new Portkey({ apiKey: process.env.PORTKEY_API_KEY, config: 'pc-loadbal-77aa' });
        +export const inline = new Portkey({ baseURL: 'http://127.0.0.1:8787/v1', apiKey: process.env.PORTKEY_API_KEY, \
        config: 'pc-loadbal-77aa' });
        """);
    assertThat(dry.out()).contains("""
        --- a/java/src/main/java/example/Gateway.java
        +++ b/java/src/main/java/example/Gateway.java
        @@ -7,7 +7,7 @@
        \s
           static OpenAIClient client() {
             return OpenAIOkHttpClient.builder()
        -        .baseUrl("https://api.portkey.ai/v1")
        +        .baseUrl("http://127.0.0.1:8787/v1")
        """);
    assertThat(dry.out()).contains("-PORTKEY_BASE_URL=https://api.portkey.ai/v1\n+PORTKEY_BASE_URL=http://127.0.0.1:8787/v1",
        "+  base_url: http://127.0.0.1:8787/v1", "+  \"gateway\": \"http://127.0.0.1:8787/v1\",",
        "Dry run: nothing written.");
  }

  @Test
  void summaryCountsChangesByKindAndListsWhatStaysAndWhatNeedsAPerson() {
    Run dry = run("", "migrate", "portkey", repo.toString(), "--dry-run");

    assertThat(dry.out()).contains("""
        Files read: 7; files to change: 7
        Changes:
             6  Portkey base URL -> gateway URL
             2  PORTKEY_GATEWAY_URL import/usage -> gateway URL
             4  Portkey client constructor given the gateway URL
        Kept as they are (Portcullis accepts them unchanged):
             2  x-portkey-api-key header
             1  x-portkey-config header
             1  x-portkey-virtual-key header
             2  createHeaders(...) call
             1  @anthropic-main/<model> address
             1  @openai-prod/<model> address
        Needs a person:
          Virtual keys to create (portcullis virtual-keys create --slug SLUG ..., or portcullis import portkey):
            anthropic-main  (app/main.py:23)
            azure-eu  (web/src/client.ts:6)
            openai-prod  (app/main.py:8, config/settings.yaml:4, web/src/client.ts:20)
          Configs to import (portcullis import portkey, or portcullis import portkey-config FILE):
            pc-fallback-1a2b3c  (app/main.py:9)
            pc-java-cfg-01  (java/src/main/java/example/Gateway.java:13)
            pc-loadbal-77aa  (web/src/client.ts:9)
          Prompts to import into the prompt library:
            pp-summarise-9f8e  (app/main.py:29)
        """);
  }

  @Test
  void dependenciesLockFilesGitignoredFilesAndOtherKindsStayUntouchedWhileANegatedPatternIsMigrated()
      throws IOException {
    Map<String, String> before = contents();

    assertThat(run("", "migrate", "portkey", repo.toString(), "--yes").exit()).isZero();

    Map<String, String> after = contents();
    for (String untouched : new String[] {"node_modules/portkey-ai/index.js", "package-lock.json", "secrets/local.py",
        "out/report.json", "ignored.generated.py", "README.md", ".gitignore"}) {
      assertThat(after.get(untouched)).as(untouched).isEqualTo(before.get(untouched));
      assertThat(after).doesNotContainKey(untouched + ".portcullis-migrate.bak");
    }
    assertThat(read("keep.generated.py")).contains("Portkey(base_url=\"http://127.0.0.1:8787/v1\", api_key=\"pk-kept\")");
  }

  @Test
  void applyingKeepsABackupOfEveryChangedFileAndASecondRunChangesNothing() throws IOException {
    Map<String, String> before = contents();

    Run applied = run("", "migrate", "portkey", repo.toString(), "--yes");

    assertThat(applied.exit()).isZero();
    assertThat(applied.out()).contains("Changed 7 files; backups end in .portcullis-migrate.bak.");
    for (String changed : new String[] {".env", "app/main.py", "web/src/client.ts", "config/settings.yaml",
        "config/endpoints.json", "java/src/main/java/example/Gateway.java", "keep.generated.py"}) {
      assertThat(read(changed + ".portcullis-migrate.bak")).as(changed).isEqualTo(before.get(changed));
      assertThat(read(changed)).as(changed).doesNotContain("api.portkey.ai", "PORTKEY_GATEWAY_URL");
    }
    Map<String, String> afterFirst = contents();

    Run second = run("", "migrate", "portkey", repo.toString());

    assertThat(second.exit()).isZero();
    assertThat(second.out()).doesNotContain("--- a/", "+++ b/").contains("files to change: 0", "Changes: none",
        "Nothing to change.");
    assertThat(contents()).isEqualTo(afterFirst);
  }

  @Test
  void noBackupWritesNoBackupFiles() throws IOException {
    assertThat(run("", "migrate", "portkey", repo.toString(), "--yes", "--no-backup").out())
        .contains("Changed 7 files (no backups).");

    assertThat(contents().keySet()).noneMatch(name -> name.endsWith(".portcullis-migrate.bak"));
    assertThat(read("app/main.py")).doesNotContain("PORTKEY_GATEWAY_URL");
  }

  @Test
  void renameEnvRenamesTheApiKeyVariableEverywhereItAppears() throws IOException {
    Run applied = run("", "migrate", "portkey", repo.toString(), "--yes", "--rename-env");

    assertThat(applied.out()).contains("PORTKEY_API_KEY -> PORTCULLIS_API_KEY");
    assertThat(read(".env")).startsWith("PORTCULLIS_API_KEY=pk-test-123\n");
    assertThat(read("app/main.py")).contains("api_key=os.environ[\"PORTCULLIS_API_KEY\"]")
        .doesNotContain("PORTKEY_API_KEY");
    assertThat(read("web/src/client.ts")).contains("apiKey: process.env.PORTCULLIS_API_KEY")
        .doesNotContain("PORTKEY_API_KEY");
    assertThat(read("config/settings.yaml")).contains("api_key_env: PORTCULLIS_API_KEY");
    assertThat(read("java/src/main/java/example/Gateway.java")).contains("System.getenv(\"PORTCULLIS_API_KEY\")");
    assertThat(run("", "migrate", "portkey", repo.toString(), "--rename-env").out()).contains("Nothing to change.");
  }

  @Test
  void withoutYesItAsksAndAnythingButYesDeclinesWithExitOne() throws IOException {
    Map<String, String> before = contents();

    Run declined = run("n\n", "migrate", "portkey", repo.toString());
    Run silent = run("", "migrate", "portkey", repo.toString());

    assertThat(declined.exit()).isEqualTo(1);
    assertThat(declined.out()).contains("Apply these changes to 7 files? [y/N] Declined: nothing written.");
    assertThat(silent.exit()).isEqualTo(1);
    assertThat(contents()).isEqualTo(before);

    Run accepted = run("y\n", "migrate", "portkey", repo.toString());

    assertThat(accepted.exit()).isZero();
    assertThat(read("app/main.py")).doesNotContain("PORTKEY_GATEWAY_URL");
  }

  @Test
  void badArgumentsExitTwoNamingTheValue() {
    Run missing = run("", "migrate", "portkey", dir.resolve("nope").toString());
    Run badUrl = run("", "migrate", "portkey", repo.toString(), "--gateway-url", "ftp://gw");
    Run unknown = run("", "migrate", "portkey", repo.toString(), "--frobnicate");

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("portcullis: PATH: '" + dir.resolve("nope") + "' (expected: a directory)\n");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--gateway-url: 'ftp://gw' (expected: an http or https URL");
    assertThat(unknown.exit()).isEqualTo(2);
  }

  @Test
  void theGatewayUrlOptionIsWhatTheCodeGets() throws IOException {
    run("", "migrate", "portkey", repo.toString(), "--yes", "--gateway-url", "https://llm.example.com/v1/");

    assertThat(read("app/main.py")).contains("base_url=\"https://llm.example.com/v1\",");
    assertThat(read("web/src/client.ts")).contains("fetch('https://llm.example.com/v1/chat/completions'");
  }
}
