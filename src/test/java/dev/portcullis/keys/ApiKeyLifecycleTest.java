package dev.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.TenancyFixture.Backend;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gateway keys through their life: rotation with a grace period, revocation, expiry, scopes, users, limits. */
class ApiKeyLifecycleTest {

  private static Principal ok(Future<Principal> f) {
    return f.await();
  }

  private static GatewayException refused(Future<Principal> f) {
    try {
      f.await();
    } catch (GatewayException e) {
      return e;
    }
    throw new AssertionError("expected a refusal, got a principal");
  }

  private static ApiKeyService.CreatedKey member(TenancyFixture t, String name) {
    return t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
        new ApiKeyService.Draft(Workspace.ROOT, name, Role.MEMBER, null, null, null, null, Map.of()));
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void rotatedKeyAcceptsOldAndNewSecretDuringTheGracePeriodThenOnlyTheNew(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      ApiKeyService.CreatedKey created = member(t, "app");
      ApiKeyService.CreatedKey rotated = t.tenancy.apiKeys().rotate(Reach.everything(), TenancyFixture.ACTOR,
          created.key().id(), Duration.ofMinutes(10));

      assertThat(rotated.secret()).isNotEqualTo(created.secret());
      assertThat(ok(auth.authenticate(created.secret())).keyId()).isEqualTo(created.key().id());
      assertThat(ok(auth.authenticate(rotated.secret())).keyId()).isEqualTo(created.key().id());

      t.clock.advance(Duration.ofMinutes(10));
      assertThat(refused(auth.authenticate(created.secret())).getMessage())
          .isEqualTo("gateway API key 'app' was rotated at 2026-11-22T10:00:00Z; its previous secret stopped working "
              + "at 2026-11-22T10:10:00Z (expected: the new secret)");
      assertThat(ok(auth.authenticate(rotated.secret())).keyId()).isEqualTo(created.key().id());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void secondRotationEndsTheFirstSecretAtOnce(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      ApiKeyService.CreatedKey first = member(t, "app");
      ApiKeyService.CreatedKey second = t.tenancy.apiKeys().rotate(Reach.everything(), TenancyFixture.ACTOR,
          first.key().id(), Duration.ofHours(1));
      ApiKeyService.CreatedKey third = t.tenancy.apiKeys().rotate(Reach.everything(), TenancyFixture.ACTOR,
          first.key().id(), Duration.ofHours(1));

      assertThat(refused(auth.authenticate(first.secret())).status()).isEqualTo(401);
      assertThat(ok(auth.authenticate(second.secret())).keyId()).isEqualTo(first.key().id());
      assertThat(ok(auth.authenticate(third.secret())).keyId()).isEqualTo(first.key().id());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void revokedKeyIsRefusedAtOnceEvenWhenCached(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      ApiKeyService.CreatedKey created = member(t, "app");
      ok(auth.authenticate(created.secret()));

      t.tenancy.apiKeys().revoke(Reach.everything(), TenancyFixture.ACTOR, created.key().id());

      GatewayException e = refused(auth.authenticate(created.secret()));
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).isEqualTo("gateway API key 'app' was revoked at 2026-11-22T10:00:00Z");
      assertThatThrownBy(() -> t.tenancy.apiKeys().revoke(Reach.everything(), TenancyFixture.ACTOR, created.key().id()))
          .hasMessage("api key '" + created.key().id() + "' is already revoked (since 2026-11-22T10:00:00Z)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void keyStopsWorkingAtItsExpiry(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      ApiKeyService.CreatedKey created = t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
          new ApiKeyService.Draft(Workspace.ROOT, "temp", null, null, null, TenancyFixture.START.plusSeconds(60),
              null, null));
      ok(auth.authenticate(created.secret()));
      t.clock.advance(Duration.ofSeconds(60));
      assertThat(refused(auth.authenticate(created.secret())).getMessage())
          .isEqualTo("gateway API key 'temp' expired at 2026-11-22T10:01:00Z");
      assertThatThrownBy(() -> t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
          new ApiKeyService.Draft(Workspace.ROOT, "past", null, null, null, TenancyFixture.START, null, null)))
          .hasMessage("expires_at: 2026-11-22T10:00:00Z (expected: a time in the future)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void scopesDecideWhatAKeyMayDoAndDefaultConfigAndMetadataReachThePrincipal(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      ApiKeyService.CreatedKey ops = t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
          new ApiKeyService.Draft(Workspace.ROOT, "ops", null, Set.of(Scope.ADMIN), null, null,
              "{\"strategy\":{\"mode\":\"fallback\"}}", Map.of("team", "infra")));

      assertThat(ops.key().role()).isEqualTo(Role.ADMIN);
      Principal p = ok(auth.authenticate(ops.secret(), Scope.ADMIN));
      assertThat(p.defaultConfig()).isEqualTo("{\"strategy\":{\"mode\":\"fallback\"}}");
      assertThat(p.metadata()).containsEntry("team", "infra");
      GatewayException e = refused(auth.authenticate(ops.secret()));
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.getMessage()).isEqualTo("gateway API key 'ops' lacks scope 'inference' (has: admin)");
      assertThatThrownBy(() -> t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
          new ApiKeyService.Draft(Workspace.ROOT, "bad", null, null, null, null, "[1]", null)))
          .hasMessage("default_config: [1] (expected: a routing config object, or the id of a saved config as a "
              + "JSON string)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void userKeyNeverHoldsMoreThanTheUserRoleAndDiesWithTheUser(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      User ann = t.tenancy.users().create(Reach.everything(), TenancyFixture.ACTOR, Workspace.ROOT, "ann@example.com",
          "Ann", Role.ADMIN);
      ApiKeyService.CreatedKey key = t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
          new ApiKeyService.Draft(Workspace.ROOT, "ann-cli", Role.ADMIN, null, ann.id(), null, null, null));
      assertThat(ok(auth.authenticate(key.secret(), Scope.ADMIN)).userId()).isEqualTo(ann.id());

      t.tenancy.users().update(Reach.everything(), TenancyFixture.ACTOR, ann.id(), null, Role.VIEWER);
      assertThat(refused(auth.authenticate(key.secret(), Scope.ADMIN)).status()).isEqualTo(403);
      assertThat(ok(auth.authenticate(key.secret(), Scope.READ_ONLY)).scopes()).containsExactly(Scope.READ_ONLY);

      t.tenancy.users().delete(Reach.everything(), TenancyFixture.ACTOR, ann.id());
      assertThat(refused(auth.authenticate(key.secret(), null)).status()).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void workspaceLimitOnActiveKeysIsEnforcedAndNamed(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Workspace acme = t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
          new WorkspaceService.Draft(null, "acme", new WorkspaceLimits(1, null, null), null));
      ApiKeyService.Draft draft = new ApiKeyService.Draft(acme.id(), "k", null, null, null, null, null, null);
      ApiKeyService.CreatedKey first = t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR, draft);
      assertThatThrownBy(() -> t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR, draft))
          .hasMessage("workspace '" + acme.id() + "' already holds its limit of 1 active api keys (expected: revoke "
              + "one, or ask the parent workspace's admin to raise max_api_keys)");
      t.tenancy.apiKeys().revoke(Reach.everything(), TenancyFixture.ACTOR, first.key().id());
      assertThat(t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR, draft).key().workspaceId())
          .isEqualTo(acme.id());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void disablingAWorkspaceSuspendsKeysOfItsDescendants(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      Workspace reseller = t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
          new WorkspaceService.Draft(null, "reseller", null, null));
      Workspace customer = t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
          new WorkspaceService.Draft(reseller.id(), "customer", null, null));
      ApiKeyService.CreatedKey key = t.tenancy.apiKeys().create(Reach.everything(), TenancyFixture.ACTOR,
          new ApiKeyService.Draft(customer.id(), "c", null, null, null, null, null, null));
      ok(auth.authenticate(key.secret()));

      t.tenancy.workspaces().update(Reach.everything(), TenancyFixture.ACTOR, reseller.id(),
          new WorkspaceService.Patch(null, false, null, null, null));

      GatewayException e = refused(auth.authenticate(key.secret()));
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.getMessage()).isEqualTo("workspace '" + reseller.id() + "' is disabled, so gateway API key 'c' "
          + "may not be used (expected: an enabled workspace)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void lastUseIsRecordedInMemoryAndFlushedToTheStore(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Authenticator auth = t.tenancy.authenticator(t.vertx());
      ApiKeyService.CreatedKey key = member(t, "app");
      t.clock.advance(Duration.ofMinutes(5));
      ok(auth.authenticate(key.secret()));
      assertThat(t.tenancy.apiKeys().find(Reach.everything(), key.key().id()).lastUsedAt()).isNull();

      assertThat(t.tenancy.keyUsage().flush()).isEqualTo(1);
      assertThat(t.tenancy.apiKeys().find(Reach.everything(), key.key().id()).lastUsedAt())
          .isEqualTo(TenancyFixture.START.plus(Duration.ofMinutes(5)));
      assertThat(t.tenancy.keyUsage().flush()).isZero();
    }
  }
}
