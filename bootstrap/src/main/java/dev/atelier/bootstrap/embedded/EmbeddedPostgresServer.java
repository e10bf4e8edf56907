package dev.atelier.bootstrap.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data lives in {@code <data dir>/postgres},
 * so that what was created survives a restart.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

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
                    // The library starts the server without fsync (-F) and with synchronous commit off,
                    // which suits throwaway test databases: a commit then returns before its WAL is written,
                    // and even a written WAL stays in the operating system's cache, so a crash of the
                    // database or of the machine loses commits that were already answered. This server keeps
                    // users' data, and an accepted order must survive any crash. A -c option given after -F
                    // overrides it.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Which statements the service runs, how often and for how long, for whoever has to find out
                    // where the database's time goes (the orders benchmark reports it per order). It counts every
                    // statement from the start, a small cost on each; its view appears once someone runs
                    // CREATE EXTENSION pg_stat_statements.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops a server still running on this data directory from an earlier run: the server is a process of its
     * own, so when the service is killed (SIGKILL, a crash) it lives on, holding the directory and its port,
     * and the next start would fail. Call it with the data directory locked, so that the server cannot belong
     * to a live service. Its clients died with the service, so a smart shutdown (SIGTERM) ends it at once.
     * Should someone else's session keep it up, it is killed with all its processes (a backend left alive
     * would hold its shared memory and block the next start), and PostgreSQL recovers from its write-ahead
     * log at the next start.
     *
     * @throws IllegalStateException when it still runs after that
     */
    static void stopLeftOver(Path dataDir) {
        // pg_ctl canonicalises the directory it passes the server, so compare normalised paths.
        Path data = dataDir.resolve("postgres").toAbsolutePath().normalize();
        leftOverServer(data).ifPresent(server -> {
            LOG.warn("A PostgreSQL left running by an Atelier that did not stop cleanly (pid {}) holds {}; stopping it",
                    server.pid(), data);
            server.destroy();
            if (exited(server, 30)) {
                return;
            }
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            if (!exited(server, 10)) {
                throw new IllegalStateException("the PostgreSQL left running on " + data + " (pid " + server.pid()
                        + ") did not stop; stop it, then start Atelier again");
            }
        });
    }

    /** The server whose pid the data directory's postmaster.pid names, if that process is alive and serves it. */
    private static Optional<ProcessHandle> leftOverServer(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try (BufferedReader lines = Files.newBufferedReader(pidFile)) {
            pid = Long.parseLong(String.valueOf(lines.readLine()).strip());
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
        // The file outlives its server after a crash, and the pid may since belong to another process.
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments()
                        .map(arguments -> Arrays.asList(arguments).contains(data.toString())).orElse(false));
    }

    private static boolean exited(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
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
