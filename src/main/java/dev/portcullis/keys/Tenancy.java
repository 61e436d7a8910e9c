package dev.portcullis.keys;

import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.net.HostPolicy;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Workspaces, users, gateway keys, virtual keys and the audit trail over one database: the services the CLI and the
 * admin API share, and the in-memory views the request path reads.
 */
public final class Tenancy {

  private final TenancyStore store;
  private final ApiKeyService apiKeys;
  private final VirtualKeyService virtualKeys;
  private final WorkspaceService workspaces;
  private final UserService users;
  private final AuditService audit;
  private final MasterKeyRotation masterKeyRotation;
  private final KeyUsage keyUsage;

  /**
   * @param hosts the rule a virtual key's {@code base_url} must pass when it is set
   */
  public Tenancy(Database database, Vault vault, ChangeBus changes, Clock clock, HostPolicy hosts) {
    this.store = new TenancyStore(database, new AuditTrail(), changes, clock);
    this.apiKeys = new ApiKeyService(store);
    this.virtualKeys = new VirtualKeyService(store, vault, hosts);
    this.workspaces = new WorkspaceService(store);
    this.users = new UserService(store);
    this.audit = new AuditService(store);
    this.masterKeyRotation = new MasterKeyRotation(store, virtualKeys, vault);
    this.keyUsage = new KeyUsage(database);
  }

  public ApiKeyService apiKeys() {
    return apiKeys;
  }

  public VirtualKeyService virtualKeys() {
    return virtualKeys;
  }

  public WorkspaceService workspaces() {
    return workspaces;
  }

  public UserService users() {
    return users;
  }

  public AuditService audit() {
    return audit;
  }

  public MasterKeyRotation masterKeyRotation() {
    return masterKeyRotation;
  }

  /** When each key was last used; flush it periodically and on shutdown. */
  public KeyUsage keyUsage() {
    return keyUsage;
  }

  /** A new request-path authenticator, kept current by this tenancy's change bus. */
  public Authenticator authenticator(Vertx vertx) {
    return new Authenticator(store, vertx, keyUsage);
  }

  /** A new request-path virtual-key cache, kept current by this tenancy's change bus. */
  public VirtualKeyResolver virtualKeyResolver(Vertx vertx) {
    return new VirtualKeyResolver(store, virtualKeys, vertx);
  }
}
