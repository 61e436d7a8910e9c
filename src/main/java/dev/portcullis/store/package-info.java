/** JDBC access to the one schema that SQLite and PostgreSQL share: the pool, its dialect, migrations and paging. */
package dev.portcullis.store;
