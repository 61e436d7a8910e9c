package dev.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.keys.TenancyFixture.Backend;
import dev.portcullis.observe.AuditEntry;
import dev.portcullis.observe.AuditVerdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every admin change leaves a chained entry; editing, inserting or deleting a row in the database is detected. */
class AuditChainTest {

  /** Five changes: workspace create, key create, key rotate, virtual key create, key revoke. */
  private static void makeChanges(TenancyFixture t) {
    Workspace w = t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
        new WorkspaceService.Draft(null, "acme", null, null));
    ApiKeyService.CreatedKey k = t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
        new ApiKeyService.Draft(w.id(), "app", null, null, null, null, null, null));
    t.tenancy.apiKeys().rotate(Reach.everything(), TenancyFixture.ACTOR, k.key().id(), null);
    t.tenancy.virtualKeys().create(Reach.everything(), TenancyFixture.ACTOR, w.id(), new VirtualKeyService.Draft(
        "prod", null, "openai", Map.of("api_key", "sk-audited-secret-777"), null, List.of()));
    t.tenancy.apiKeys().revoke(Reach.everything(), TenancyFixture.ACTOR, k.key().id());
  }

  private static List<AuditEntry> entries(TenancyFixture t) {
    return t.tenancy.audit().list(Reach.everything(), Workspace.ROOT, null, null, null, 100).items();
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void everyChangeIsRecordedWithActorBeforeAfterAndNoSecret(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      makeChanges(t);
      List<AuditEntry> entries = entries(t);
      assertThat(entries).extracting(AuditEntry::action).containsExactly("api_key.revoke", "virtual_key.create",
          "api_key.rotate", "api_key.create", "workspace.create");
      AuditEntry rotate = entries.get(2);
      assertThat(rotate.actor()).isEqualTo(TenancyFixture.ACTOR);
      assertThat(rotate.before()).contains("\"rotated_at\":null");
      assertThat(rotate.after()).contains("\"rotated_at\":\"2026-11-22T10:00:00Z\"");
      assertThat(entries.get(1).after()).contains("\"api_key\":\"****\"").doesNotContain("sk-audited-secret-777");
      assertThat(t.tenancy.audit().verify()).isEqualTo(new AuditVerdict(true, 5, 5, entries.get(0).hash(), null,
          null, null));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void editedRowIsNamed(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      makeChanges(t);
      t.sql("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3");
      AuditVerdict v = t.tenancy.audit().verify();
      assertThat(v.valid()).isFalse();
      assertThat(v.firstBadSeq()).isEqualTo(3);
      assertThat(v.firstBadId()).isEqualTo(entries(t).get(2).id());
      assertThat(v.problem()).isEqualTo("entry 3 does not match its hash (it was edited)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void deletedRowIsNamed(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      makeChanges(t);
      t.sql("DELETE FROM audit_log WHERE seq = 2");
      AuditVerdict v = t.tenancy.audit().verify();
      assertThat(v.valid()).isFalse();
      assertThat(v.firstBadSeq()).isEqualTo(2);
      assertThat(v.problem()).isEqualTo("entry 2 is missing (deleted); the next entry is 3");

      t.sql("DELETE FROM audit_log WHERE seq >= 2");
      assertThat(t.tenancy.audit().verify().problem()).isEqualTo("entries 2..5 are missing (deleted from the end)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void insertedRowIsNamed(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      makeChanges(t);
      t.sql("INSERT INTO audit_log (seq, id, at, workspace_id, actor_type, action, object_type, object_id, prev_hash,"
          + " hash) SELECT 6, 'forged', at, workspace_id, actor_type, action, object_type, object_id, hash, hash"
          + " FROM audit_log WHERE seq = 5");
      AuditVerdict v = t.tenancy.audit().verify();
      assertThat(v.valid()).isFalse();
      assertThat(v.firstBadId()).isEqualTo("forged");
      assertThat(v.problem()).isEqualTo("entry 6 lies beyond the chain head 5 (it was inserted)");

      t.sql("DELETE FROM audit_log WHERE id = 'forged'");
      t.sql("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3");
      t.sql("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103");
      t.sql("INSERT INTO audit_log (seq, id, at, workspace_id, actor_type, action, object_type, object_id, prev_hash,"
          + " hash) SELECT 3, 'wedged', at, workspace_id, actor_type, action, object_type, object_id, hash, hash"
          + " FROM audit_log WHERE seq = 2");
      AuditVerdict wedged = t.tenancy.audit().verify();
      assertThat(wedged.valid()).isFalse();
      assertThat(wedged.firstBadId()).isEqualTo("wedged");
    }
  }
}
