package dev.portcullis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.error.GatewayException;
import dev.portcullis.keys.TenancyFixture.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A workspace's name says which sub-account is meant, so siblings never share one. */
class WorkspaceNamesTest {

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void aSecondChildWithTheSameNameIsRefusedNamingTheWorkspaceThatHasIt(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Workspace acme = create(t, null, "customer-acme");

      assertThatThrownBy(() -> create(t, null, "Customer-ACME"))
          .isInstanceOf(GatewayException.Conflict.class)
          .hasMessage("name: 'Customer-ACME' is taken by workspace '" + acme.id() + "' under 'default' (expected: a "
              + "name no other child of 'default' has)");
      assertThat(t.tenancy.workspaces().list(Reach.everything(), Workspace.ROOT)).extracting(Workspace::name)
          .containsOnlyOnce("customer-acme");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void theSameNameUnderAnotherParentOrAfterADeleteIsFree(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Workspace reseller = create(t, null, "reseller");
      Workspace first = create(t, null, "shop");

      assertThat(create(t, reseller.id(), "shop").parentId()).isEqualTo(reseller.id());
      t.tenancy.workspaces().delete(Reach.everything(), TenancyFixture.ACTOR, first.id());
      assertThat(create(t, null, "shop").id()).isNotEqualTo(first.id());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.portcullis.keys.TenancyFixture#backends")
  void aRenameOntoASiblingsNameIsRefusedButAWorkspaceMayRecaseItsOwn(Backend backend) throws Exception {
    try (TenancyFixture t = new TenancyFixture(backend)) {
      Workspace a = create(t, null, "alpha");
      Workspace b = create(t, null, "beta");

      assertThatThrownBy(() -> rename(t, b, "ALPHA")).isInstanceOf(GatewayException.Conflict.class)
          .hasMessageContaining("is taken by workspace '" + a.id() + "'");
      assertThat(rename(t, a, "Alpha").name()).isEqualTo("Alpha");
    }
  }

  private static Workspace create(TenancyFixture t, String parent, String name) {
    return t.tenancy.workspaces().create(Reach.everything(), TenancyFixture.ACTOR,
        new WorkspaceService.Draft(parent, name, null, null));
  }

  private static Workspace rename(TenancyFixture t, Workspace w, String name) {
    return t.tenancy.workspaces().update(Reach.everything(), TenancyFixture.ACTOR, w.id(),
        new WorkspaceService.Patch(name, null, null, null, null));
  }
}
