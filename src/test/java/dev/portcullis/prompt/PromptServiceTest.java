package dev.portcullis.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEntry;
import dev.portcullis.observe.AuditQuery;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import dev.portcullis.store.PostgresTestSchema;
import dev.portcullis.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, labels and references of the prompt library, on SQLite and on PostgreSQL (migration V19 on both). */
class PromptServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AuditActor ACTOR = AuditActor.cli("tester");
  private static final String WS = "default";

  @Nested
  class OnSqlite extends Rules {
    @TempDir Path dir;

    @Override
    Database open() {
      return Database.open("jdbc:sqlite:" + dir.resolve("portcullis.db"));
    }
  }

  @Nested
  class OnPostgresql extends Rules {
    private PostgresTestSchema schema;

    @Override
    Database open() throws SQLException {
      schema = PostgresTestSchema.create();
      return Database.open(schema.jdbcUrl());
    }

    @AfterEach
    void dropSchema() throws SQLException {
      schema.close();
    }
  }

  abstract static class Rules {
    private Database database;
    private PromptService prompts;
    private final AuditTrail audit = new AuditTrail();

    abstract Database open() throws SQLException;

    @BeforeEach
    void openDatabase() throws SQLException {
      database = open();
      prompts = new PromptService(database, audit, new MutableClock(Instant.parse("2026-12-08T00:00:00Z")));
    }

    @AfterEach
    void closeDatabase() {
      database.close();
    }

    @Test
    void everyChangeIsANewVersionAndEarlierVersionsStayAsTheyWere() {
      Prompt first = prompts.create(WS, "support", "Support", definition("Hello v1"), ACTOR);
      Prompt second = prompts.update("support", WS, null, json("""
          {"template": {"messages": [{"role": "user", "content": "Hello v2"}]}}"""), ACTOR);
      Prompt third = prompts.update(first.id(), WS, "Support desk", json("{\"parameters\": {\"temperature\": 0}}"),
          ACTOR);

      assertThat(List.of(first.version(), second.version(), third.version())).containsExactly(1, 2, 3);
      assertThat(prompts.versions("support", WS)).extracting(p -> text(p)).containsExactly("Hello v1", "Hello v2",
          "Hello v2");
      assertThat(prompts.find("support", 1, WS).orElseThrow().definition()).isEqualTo(first.definition());
      assertThat(third.name()).isEqualTo("Support desk");
      assertThat(third.definition().model()).isEqualTo("gpt-4o-mini");
      assertThat(prompts.list(WS)).extracting(Prompt::version).containsExactly(3);
    }

    @Test
    void aSlugIsUniqueInItsWorkspaceButFreeInAnother() {
      prompts.create(WS, "support", null, definition("a"), ACTOR);

      assertThatThrownBy(() -> prompts.create(WS, "support", null, definition("b"), ACTOR))
          .isInstanceOf(GatewayException.Conflict.class).hasMessageContaining("slug: 'support' is already prompt");
      assertThat(prompts.create("other", "support", null, definition("c"), ACTOR).workspaceId()).isEqualTo("other");
      assertThat(prompts.find("support", null, "other").map(Rules::text)).contains("c");
    }

    @Test
    void aCallGetsTheProductionLabelElseTheNewestVersion() {
      Prompt p = prompts.create(WS, "support", null, definition("v1"), ACTOR);
      prompts.update(p.id(), WS, null, json("{}"), ACTOR);
      SplittableRandom random = new SplittableRandom(1);

      assertThat(resolve("support", random).prompt().version()).isEqualTo(2);
      assertThat(resolve("support", random).label()).isNull();

      prompts.label(p.id(), WS, "production", List.of(new PromptLabel.WeightedVersion(1, 1)), ACTOR);

      assertThat(resolve("support", random).prompt().version()).isEqualTo(1);
      assertThat(resolve("support", random).label()).isEqualTo("production");
      assertThat(resolve("support@2", random).prompt().version()).isEqualTo(2);
      assertThat(resolve(p.id() + "@production", random).prompt().version()).isEqualTo(1);
    }

    @Test
    void unknownPromptsVersionsAndLabelsAreNotFoundByName() {
      prompts.create(WS, "support", null, definition("v1"), ACTOR);
      SplittableRandom random = new SplittableRandom(1);

      assertThatThrownBy(() -> resolve("nope", random)).isInstanceOf(GatewayException.NotFound.class)
          .hasMessageStartingWith("prompt 'nope' does not exist");
      assertThatThrownBy(() -> resolve("support@9", random)).isInstanceOf(GatewayException.NotFound.class)
          .hasMessageStartingWith("prompt 'support@9': version 9 does not exist (expected: 1..1)");
      assertThatThrownBy(() -> resolve("support@staging", random)).isInstanceOf(GatewayException.NotFound.class)
          .hasMessageStartingWith("prompt 'support@staging': label 'staging' does not exist");
      assertThatThrownBy(() -> prompts.label("support", WS, "production",
          List.of(new PromptLabel.WeightedVersion(2, 1)), ACTOR))
          .hasMessageStartingWith("versions: version 2 of prompt 'support' does not exist");
    }

    @Test
    void aPromptOfAnotherWorkspaceIsNotFound() {
      prompts.create("other", "secret", null, definition("theirs"), ACTOR);

      assertThatThrownBy(() -> resolve("secret", new SplittableRandom(1))).isInstanceOf(GatewayException.NotFound.class);
      assertThat(prompts.find("secret", null, WS)).isEmpty();
      assertThat(prompts.partial("secret", WS)).isEmpty();
    }

    @Test
    void aSplitLabelDrawsItsVersionsByWeight() {
      Prompt p = prompts.create(WS, "support", null, definition("v1"), ACTOR);
      prompts.update(p.id(), WS, null, json("{}"), ACTOR);
      prompts.label(p.id(), WS, "production", List.of(new PromptLabel.WeightedVersion(1, 50),
          new PromptLabel.WeightedVersion(2, 50)), ACTOR);
      SplittableRandom random = new SplittableRandom(42);

      long second = java.util.stream.IntStream.range(0, 200)
          .filter(i -> resolve("support", random).prompt().version() == 2).count();

      assertThat(second).isBetween(70L, 130L);
    }

    @Test
    void everyChangeIsAudited() {
      Prompt p = prompts.create(WS, "support", null, definition("v1"), ACTOR);
      prompts.update(p.id(), WS, null, json("{}"), ACTOR);
      prompts.label(p.id(), WS, "production", List.of(new PromptLabel.WeightedVersion(2, 1)), ACTOR);
      prompts.delete("support", WS, ACTOR);

      List<AuditEntry> entries = database.read("audit", c -> audit.list(c,
          new AuditQuery(List.of(WS), null, p.id(), null, 10)).items());

      assertThat(entries).extracting(AuditEntry::action)
          .containsExactlyInAnyOrder("prompt.create", "prompt.update", "prompt.label", "prompt.delete");
      assertThat(prompts.find("support", null, WS)).isEmpty();
    }

    private ResolvedPrompt resolve(String ref, SplittableRandom random) {
      return prompts.resolve(PromptRef.parse(ref), WS, random);
    }

    private static String text(Prompt p) {
      return ((PromptTemplate.Chat) p.definition().template()).messages().getFirst().content();
    }
  }

  static PromptDefinition definition(String content) {
    return PromptDefinition.parse(json("""
        {"template": {"messages": [{"role": "user", "content": "%s"}]}, "model": "gpt-4o-mini"}""".formatted(content)));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
