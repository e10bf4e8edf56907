package dev.atelier.bootstrap.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data lives in {@code <data dir>/postgres},
 * so that what was created survives a restart.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser zonky's initdb creates; the server only listens on loopback. */
    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** @param port the port to listen on, 0 for any free port */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            Path data = Files.createDirectories(dataDir.resolve("postgres"));
            Path runtime = Files.createDirectories(dataDir.resolve("postgres-runtime"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setPort(port)
                    // The service stops the database itself, after its own work has ended; a hook of the
                    // library's would stop it at the same moment as the service and cut off its last writes.
                    .setRegisterShutdownHook(false)
                    // The library turns synchronous commit off, which suits throwaway test databases: a
                    // commit then returns before its WAL is on disk, and a crash of the database or the
                    // machine loses up to three WAL-writer delays of commits that were already answered.
                    // This server keeps users' data, and an accepted order must survive any crash.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The JDBC URL of an embedded server listening on {@code port}. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://" + RunMode.EMBEDDED_HOST + ":" + port + "/postgres";
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
