package dev.portcullis.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection, in or out of a transaction; see {@link Database#inTransaction}. */
@FunctionalInterface
public interface SqlWork<T> {

  T run(Connection connection) throws SQLException;
}
