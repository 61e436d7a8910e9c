package dev.portcullis.store;

import java.sql.SQLException;

/**
 * The database refused or failed an operation. The message says which operation, never a row value or a secret;
 * {@link #duplicate()} tells a unique-constraint violation apart, so callers can answer 409 for a lost race.
 */
public final class StoreException extends RuntimeException {

  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
  private static final int SQLITE_CONSTRAINT = 19;

  public StoreException(String operation, SQLException cause) {
    super(operation + ": " + cause.getMessage(), cause);
  }

  /** Whether the database refused a row because it would duplicate a unique value. */
  public boolean duplicate() {
    SQLException e = (SQLException) getCause();
    return POSTGRES_UNIQUE_VIOLATION.equals(e.getSQLState())
        || (e.getErrorCode() == SQLITE_CONSTRAINT && e.getMessage() != null && e.getMessage().contains("UNIQUE"));
  }
}
