package dev.portcullis.keys;

import dev.portcullis.cluster.Change;
import dev.portcullis.cluster.ChangeBus;
import dev.portcullis.error.GatewayException;
import dev.portcullis.observe.AuditActor;
import dev.portcullis.observe.AuditEvent;
import dev.portcullis.observe.AuditTrail;
import dev.portcullis.store.Database;
import dev.portcullis.store.SqlWork;
import dev.portcullis.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What every tenancy service shares: the repositories, and {@link #change}, which runs one admin change in one
 * transaction together with its audit entries and, once committed, announces it to every node's caches.
 */
final class TenancyStore {

  final Database database;
  final AuditTrail audit;
  final ChangeBus changes;
  final Clock clock;
  final ApiKeyRepository apiKeys = new ApiKeyRepository();
  final VirtualKeyRepository virtualKeys = new VirtualKeyRepository();
  final WorkspaceRepository workspaces = new WorkspaceRepository();
  final UserRepository users = new UserRepository();

  TenancyStore(Database database, AuditTrail audit, ChangeBus changes, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
  }

  /** What a change did: its result, its audit entries, and what caches must drop. */
  record Outcome<T>(T value, List<AuditEvent> events, List<Change> changes) {
    static <T> Outcome<T> of(T value, AuditEvent event, Change... changes) {
      return new Outcome<>(value, List.of(event), List.of(changes));
    }
  }

  /** One change, given the connection of its transaction and the time it happens at. */
  @FunctionalInterface
  interface ChangeWork<T> {
    Outcome<T> run(Connection c, Instant now) throws SQLException;
  }

  <T> T change(String operation, AuditActor actor, ChangeWork<T> work) {
    Instant now = clock.instant();
    Outcome<T> outcome;
    try {
      outcome = database.inTransaction(operation, c -> {
        Outcome<T> done = work.run(c, now);
        for (AuditEvent event : done.events()) {
          audit.append(c, actor, event, now);
        }
        return done;
      });
    } catch (StoreException e) {
      if (e.duplicate()) {
        throw GatewayException.conflict("cannot " + operation + ": it already exists (expected: a new name)");
      }
      throw e;
    }
    outcome.changes().forEach(changes::publish);
    return outcome.value();
  }

  <T> T read(String operation, SqlWork<T> work) {
    return database.read(operation, work);
  }
}
