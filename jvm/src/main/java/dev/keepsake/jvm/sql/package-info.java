/**
 * Storage backends on SQL databases: {@link dev.keepsake.jvm.sql.SqliteBackend} (one local
 * file, through sqlite-jdbc) and {@link dev.keepsake.jvm.sql.PostgresBackend} (one table on a
 * PostgreSQL server, through pgjdbc). Both store a key as the UTF-8 bytes of the key in a
 * binary primary-key column and the value as a binary column, apply a batch as one
 * transaction, and run their JDBC work on a worker executor ({@code JdbcStore}, shared by
 * both); {@code SqlFailures} translates the drivers' exceptions into typed errors. The SQLite
 * driver comes with this module; the PostgreSQL driver is an optional dependency: add
 * {@code org.postgresql:postgresql} to use {@code PostgresBackend}.
 *
 * <p>May use: dev.keepsake.core.async, dev.keepsake.core.backend, dev.keepsake.core.error,
 * dev.keepsake.jvm.internal.
 */
package dev.keepsake.jvm.sql;
