/**
 * Keepsake on the JVM: file, SQLite and PostgreSQL backends, JDK crypto and compression, a
 * scheduler on a thread and {@code CompletableFuture} views. The PostgreSQL driver is optional:
 * add {@code org.postgresql:postgresql} (module {@code org.postgresql.jdbc}) to use
 * {@code PostgresBackend}.
 */
module dev.keepsake.jvm {
    requires transitive dev.keepsake.core;
    requires java.net.http;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires static org.postgresql.jdbc;
    requires org.lz4.java;
    requires com.github.luben.zstd_jni;

    exports dev.keepsake.jvm;
    exports dev.keepsake.jvm.compress;
    exports dev.keepsake.jvm.crypto;
    exports dev.keepsake.jvm.fs;
    exports dev.keepsake.jvm.remote;
    exports dev.keepsake.jvm.sql;
}
