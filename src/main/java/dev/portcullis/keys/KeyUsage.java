package dev.portcullis.keys;

import dev.portcullis.store.Database;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each gateway key was last used. The request path only writes a time into the key's cell in memory;
 * {@link #flush()} (every few seconds, on a worker thread, and on shutdown) writes the newer times to the store, never
 * moving a stored time backwards, so several nodes may flush the same key.
 */
public final class KeyUsage {

  /** The last use of one key, and how much of it the store already has. */
  static final class Cell {
    final String keyId;
    volatile long lastUsedMillis;
    long flushedMillis;

    Cell(String keyId) {
      this.keyId = keyId;
    }
  }

  private final Database database;
  private final Map<String, Cell> cells = new ConcurrentHashMap<>();

  public KeyUsage(Database database) {
    this.database = database;
  }

  Cell cell(String keyId) {
    return cells.computeIfAbsent(keyId, Cell::new);
  }

  /** Writes the times used since the last flush; returns how many keys were written. Blocking. */
  public synchronized int flush() {
    List<Cell> due = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (Cell cell : cells.values()) {
      long used = cell.lastUsedMillis;
      if (used > cell.flushedMillis) {
        due.add(cell);
        times.add(used);
      }
    }
    if (due.isEmpty()) {
      return 0;
    }
    database.inTransaction("record when api keys were last used", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?"
          + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
        for (int i = 0; i < due.size(); i++) {
          ps.setLong(1, times.get(i));
          ps.setString(2, due.get(i).keyId);
          ps.setLong(3, times.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
    for (int i = 0; i < due.size(); i++) {
      due.get(i).flushedMillis = times.get(i);
    }
    return due.size();
  }
}
