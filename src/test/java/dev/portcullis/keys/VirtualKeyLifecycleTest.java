package dev.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.TenancyFixture.Backend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Virtual keys: provider credential fields, rotation that keeps the slug, workspaces, master-key rotation. */
class VirtualKeyLifecycleTest {

  private static final String SERVICE_ACCOUNT = "{\"type\":\"service_account\",\"client_email\":\"gw@p.iam."
      + "gserviceaccount.com\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n\"}";

  private static VirtualKey create(TenancyFixture t, String workspace, String slug, String provider,
      Map<String, String> credentials) {
    return t.tenancy.virtualKeys().create(Reach.everything(), TenancyFixture.ACTOR, workspace,
        new VirtualKeyService.Draft(slug, null, provider, credentials, null, List.of()));
  }

  private static Principal caller(String workspace) {
    return new Principal("k", workspace, "k", Role.MEMBER, Role.MEMBER.scopes(), null, null, null, Map.of());
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void eachProviderKeepsItsSettingsVisibleAndItsSecretsSealed(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      VirtualKey azure = create(t, Workspace.ROOT, "az", "azure", Map.of("api_key", "az-secret-1",
          "resource_name", "my-openai", "deployment_id", "gpt-4o-prod", "api_version", "2024-10-21"));
      VirtualKey aws = create(t, Workspace.ROOT, "br", "bedrock", Map.of("aws_access_key_id", "AKIAEXAMPLE",
          "aws_secret_access_key", "aws-secret-2", "aws_session_token", "tok-3", "aws_region", "eu-west-1",
          "aws_role_arn", "arn:aws:iam::123456789012:role/bedrock"));
      VirtualKey vertex = create(t, Workspace.ROOT, "vx", "vertex-ai", Map.of("vertex_project_id", "acme-prod",
          "vertex_region", "us-central1", "vertex_service_account_json", SERVICE_ACCOUNT));

      assertThat(azure.provider()).isEqualTo("azure-openai");
      assertThat(azure.settings()).containsOnlyKeys("resource_name", "deployment_id", "api_version");
      assertThat(aws.settings()).containsOnlyKeys("aws_region", "aws_role_arn");
      assertThat(vertex.settings()).containsOnlyKeys("vertex_project_id", "vertex_region");
      assertThat(TenancyViews.of(aws).toString()).doesNotContain("aws-secret-2", "AKIAEXAMPLE", "tok-3")
          .contains("\"aws_secret_access_key\":\"****\"");

      ResolvedVirtualKey openedAws = t.tenancy.virtualKeys().resolve(Workspace.ROOT, "br").orElseThrow();
      assertThat(openedAws.field("aws_secret_access_key")).isEqualTo("aws-secret-2");
      assertThat(openedAws.field("aws_region")).isEqualTo("eu-west-1");
      assertThat(t.tenancy.virtualKeys().resolve(Workspace.ROOT, "az").orElseThrow().credential())
          .isEqualTo("az-secret-1");
      assertThat(t.tenancy.virtualKeys().resolve(Workspace.ROOT, "vx").orElseThrow()
          .field("vertex_service_account_json")).isEqualTo(SERVICE_ACCOUNT);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void badCredentialFieldsAreRefusedNamingTheField(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "az", "azure-openai", Map.of("api_key", "x",
          "resource_name", "r", "deployment_id", "d", "api_version", "latest")))
          .hasMessage("resource_name: 'r' (expected: the Azure OpenAI resource name, e.g. my-openai)");
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "az", "azure-openai", Map.of("api_key", "x",
          "resource_name", "res", "deployment_id", "d", "api_version", "latest")))
          .hasMessage("api_version: 'latest' (expected: an API version such as 2024-10-21)");
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "br", "bedrock", Map.of("aws_access_key_id", "AKIA",
          "aws_region", "eu-west-1")))
          .hasMessage("aws_secret_access_key: missing (expected: aws_access_key_id and aws_secret_access_key together)");
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "br", "bedrock", Map.of("aws_region", "eu-west-1")))
          .hasMessageStartingWith("aws_access_key_id: missing (expected: an access key pair, or aws_role_arn");
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "vx", "vertex-ai", Map.of("vertex_project_id", "acme-prod",
          "vertex_region", "us-central1", "vertex_service_account_json", "{\"type\":\"user\"}")))
          .hasMessageStartingWith("vertex_service_account_json: not a service account key");
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "oa", "openai", Map.of("api_key", "sk", "region", "x")))
          .hasMessage("region: not a credential field of provider 'openai' (expected one of: api_key)");
      assertThatThrownBy(() -> create(t, Workspace.ROOT, "oa", "openia", Map.of()))
          .hasMessageStartingWith("provider: 'openia' (expected one of: openai, groq,");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void rotationReplacesTheCredentialAndKeepsTheSlugAndTheCacheFollows(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      VirtualKeyResolver resolver = t.tenancy.virtualKeyResolver(t.vertx());
      VirtualKey before = create(t, Workspace.ROOT, "prod", "openai", Map.of("api_key", "sk-old"));
      assertThat(resolver.resolve("prod", caller(Workspace.ROOT)).await().credential()).isEqualTo("sk-old");

      VirtualKey after = t.tenancy.virtualKeys().rotate(Reach.everything(), TenancyFixture.ACTOR, Workspace.ROOT,
          "prod", Map.of("api_key", "sk-new"));

      assertThat(after.id()).isEqualTo(before.id());
      assertThat(after.slug()).isEqualTo("prod");
      assertThat(after.rotatedAt()).isEqualTo(TenancyFixture.START);
      assertThat(resolver.resolve("prod", caller(Workspace.ROOT)).await().credential()).isEqualTo("sk-new");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void slugsBelongToTheirWorkspaceAndAForeignOneLooksMissing(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Workspace a = t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
          new WorkspaceService.Draft(null, "a", null, null));
      Workspace b = t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
          new WorkspaceService.Draft(null, "b", null, null));
      create(t, a.id(), "prod", "openai", Map.of("api_key", "sk-a"));
      create(t, b.id(), "prod", "openai", Map.of("api_key", "sk-b"));
      VirtualKeyResolver resolver = t.tenancy.virtualKeyResolver(t.vertx());

      assertThat(resolver.resolve("prod", caller(a.id())).await().credential()).isEqualTo("sk-a");
      assertThat(resolver.resolve("prod", caller(b.id())).await().credential()).isEqualTo("sk-b");
      create(t, b.id(), "b-only", "openai", Map.of("api_key", "sk-b2"));
      assertThatThrownBy(() -> resolver.resolve("b-only", caller(a.id())).await())
          .isInstanceOf(GatewayException.NotFound.class)
          .hasMessageStartingWith("virtual key 'b-only' does not exist in this workspace");
      assertThatThrownBy(() -> t.tenancy.virtualKeys().find(new Reach(a.id()), b.id(), "b-only"))
          .hasMessage("virtual key 'b-only' does not exist");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void disabledKeyIsRefusedAndNativeProviderKeysResolve(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      VirtualKeyResolver resolver = t.tenancy.virtualKeyResolver(t.vertx());
      create(t, Workspace.ROOT, "prod", "openai", Map.of("api_key", "sk"));
      t.tenancy.virtualKeys().update(Reach.everything(), TenancyFixture.ACTOR, Workspace.ROOT, "prod",
          new VirtualKeyService.Patch(null, null, null, false));
      assertThatThrownBy(() -> resolver.resolve("prod", caller(Workspace.ROOT)).await())
          .hasMessage("virtual key 'prod' is disabled (expected: an enabled key; enable it with "
              + "PATCH /admin/v1/virtual-keys/prod)");

      create(t, Workspace.ROOT, "claude", "anthropic", Map.of("api_key", "sk-ant"));
      assertThat(resolver.resolve("claude", caller(Workspace.ROOT)).await().credential()).isEqualTo("sk-ant");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void masterKeyRotationInterruptedMidwayLosesNothingAndFinishesWhenRunAgain(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      for (int i = 0; i < 5; i++) {
        create(t, Workspace.ROOT, "vk-" + i, "bedrock", Map.of("aws_access_key_id", "AKIA" + i,
            "aws_secret_access_key", "secret-" + i, "aws_region", "us-east-1"));
      }
      Vault rotating = t.vault.rotatedTo(TenancyFixture.key(2));
      Tenancy next = t.withVault(rotating);
      AtomicInteger done = new AtomicInteger();
      assertThatThrownBy(() -> next.masterKeyRotation().resealAll(TenancyFixture.ACTOR, slug -> {
        if (done.incrementAndGet() == 2) {
          throw new IllegalStateException("simulated crash");
        }
      })).hasMessage("simulated crash");

      assertThat(next.masterKeyRotation().rowsByKey())
          .containsEntry(t.vault.keyId(), 3).containsEntry(rotating.keyId(), 2);
      for (int i = 0; i < 5; i++) {
        assertThat(next.virtualKeys().resolve(Workspace.ROOT, "vk-" + i).orElseThrow().field("aws_secret_access_key"))
            .isEqualTo("secret-" + i);
      }

      assertThat(next.masterKeyRotation().resealAll(TenancyFixture.ACTOR, slug -> { })).isEqualTo(3);
      assertThat(next.masterKeyRotation().rowsByKey()).containsOnlyKeys(rotating.keyId());
      Tenancy onlyNewKey = t.withVault(new Vault(TenancyFixture.key(2)));
      for (int i = 0; i < 5; i++) {
        assertThat(onlyNewKey.virtualKeys().resolve(Workspace.ROOT, "vk-" + i).orElseThrow()
            .field("aws_access_key_id")).isEqualTo("AKIA" + i);
      }
      assertThat(next.audit().verify().valid()).isTrue();
    }
  }
}
