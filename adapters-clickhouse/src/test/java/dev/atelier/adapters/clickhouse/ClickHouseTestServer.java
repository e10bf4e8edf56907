package dev.atelier.adapters.clickhouse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code clickhouse-server} for tests: one per JVM, started on first use on free loopback ports, with
 * its own configuration, data and logs in a temporary directory, and stopped when the JVM ends.
 *
 * <p>Tests may {@link #stop()} it and {@link #start()} it again: it comes back on the same ports with the same
 * data, which is how a test shows what happens while ClickHouse is down. Only the process this class started
 * is ever signalled, and only through the handle taken when it started, which the JDK checks against the
 * process's start time, so a recycled pid is never hit.
 *
 * <p>Two users: {@code default} without a password, and {@link #USER} with {@link #PASSWORD}.
 */
public final class ClickHouseTestServer {

    /** A user with a password, to exercise authentication. */
    public static final String USER = "atelier";
    public static final String PASSWORD = "atelier-test-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final List<Path> USUAL_LOCATIONS = List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"));

    private static ClickHouseTestServer shared;

    private final Path binary;
    private final Path directory;
    private final Path configFile;
    private final Path pidFile;
    private final int httpPort;
    private final HttpClient pinger = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private ProcessHandle process;

    private ClickHouseTestServer(Path binary, Path directory) throws IOException {
        this.binary = binary;
        this.directory = directory;
        this.configFile = directory.resolve("config.xml");
        this.pidFile = directory.resolve("clickhouse-server.pid");
        int[] ports = freePorts(3);
        this.httpPort = ports[0];
        Files.writeString(configFile, config(ports[0], ports[1], ports[2]));
        Files.writeString(directory.resolve("users.xml"), users());
    }

    /** The server every test of this JVM shares, started if it is not running. */
    public static synchronized ClickHouseTestServer shared() {
        if (shared == null) {
            try {
                ClickHouseTestServer server = new ClickHouseTestServer(findBinary(),
                        Files.createTempDirectory("atelier-clickhouse-test"));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "clickhouse-test-server-stop"));
                shared = server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set up the ClickHouse test server", e);
            }
        }
        shared.start();
        return shared;
    }

    /** The HTTP interface, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    /** A database name no other test uses; the database itself is created by the store's prepare. */
    public static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A store on a database of its own, prepared, as {@link #USER}. */
    public ClickHouseEventLogStore preparedStore(String database) {
        ClickHouseEventLogStore store =
                new ClickHouseEventLogStore(url(), database, USER, PASSWORD, Duration.ofSeconds(10));
        store.prepare();
        return store;
    }

    /** Starts the server, on the same ports and data as before, unless it runs; returns once it answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.deleteIfExists(pidFile);
            Process launcher = new ProcessBuilder(binary.toString(), "--daemon",
                    "--config-file=" + configFile, "--pid-file=" + pidFile)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("launcher.log").toFile()))
                    .start();
            // With --daemon the launcher forks the server and exits at once.
            if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                throw new IllegalStateException("clickhouse-server --daemon did not return; " + logs());
            }
            if (launcher.exitValue() != 0) {
                throw new IllegalStateException("clickhouse-server --daemon exited with " + launcher.exitValue()
                        + "; " + logs());
            }
            process = awaitPid();
            awaitPing();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start clickhouse-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting clickhouse-server", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the server: SIGTERM, then SIGKILL if it has not ended within the grace period. Returns once the
     * process is gone, so the ports are free for {@link #start()}.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_GRACE)) {
            process.destroyForcibly();
            if (!awaitExit(STOP_GRACE)) {
                throw new IllegalStateException("clickhouse-server (pid " + process.pid() + ") survived SIGKILL");
            }
        }
        process = null;
        try {
            // A server that had to be killed leaves its pid file behind, and the next start would refuse to
            // run while that pid looks alive (a zombie not yet reaped does).
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && isAlive(process);
    }

    private void stopAndDelete() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // only a temporary directory is left behind
        }
    }

    private ProcessHandle awaitPid() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(pidFile)) {
                String pid = Files.readString(pidFile).strip();
                if (!pid.isEmpty()) {
                    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
                    if (handle.isPresent()) {
                        return handle.get();
                    }
                    throw new IllegalStateException("clickhouse-server ended right after starting; " + logs());
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("clickhouse-server wrote no pid file within " + START_TIMEOUT + "; " + logs());
    }

    private void awaitPing() throws InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(url().resolve("/ping")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive(process)) {
                throw new IllegalStateException("clickhouse-server ended while starting; " + logs());
            }
            try {
                HttpResponse<String> answer = pinger.send(ping, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("clickhouse-server did not answer /ping within " + START_TIMEOUT + "; " + logs());
    }

    private boolean awaitExit(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive(process)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isAlive(process);
            }
        }
        return !isAlive(process);
    }

    /** Alive and not a zombie: the daemon's parent is init, which may take its time to reap it. */
    private static boolean isAlive(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException gone) {
            return handle.isAlive();
        }
    }

    private String logs() {
        StringBuilder logs = new StringBuilder("logs in ").append(directory);
        for (String name : List.of("launcher.log", "clickhouse-server.err.log")) {
            Path log = directory.resolve(name);
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    logs.append("\n--- ").append(name).append(" (last lines)\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                }
            } catch (IOException | UncheckedIOException ignored) {
                // the directory is named above
            }
        }
        return logs.toString();
    }

    private static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank()).map(Path::of),
                        USUAL_LOCATIONS.stream())
                .map(dir -> dir.resolve("clickhouse-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("clickhouse-server is not installed; the ClickHouse "
                        + "tests run a real server: apt-get install clickhouse-server clickhouse-client"));
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    /**
     * The least 18.16 needs, plus limits that keep a test machine safe from a runaway query. A short
     * keep-alive: on SIGTERM the server waits for idle client connections to time out, and tests stop it.
     */
    private String config(int http, int tcp, int interserver) {
        String dir = directory.toAbsolutePath().toString();
        return """
                <?xml version="1.0"?>
                <yandex>
                    <logger>
                        <level>information</level>
                        <log>%1$s/clickhouse-server.log</log>
                        <errorlog>%1$s/clickhouse-server.err.log</errorlog>
                        <size>20M</size>
                        <count>1</count>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <http_port>%2$d</http_port>
                    <tcp_port>%3$d</tcp_port>
                    <interserver_http_port>%4$d</interserver_http_port>
                    <interserver_http_host>127.0.0.1</interserver_http_host>
                    <path>%1$s/data/</path>
                    <tmp_path>%1$s/tmp/</tmp_path>
                    <user_files_path>%1$s/user_files/</user_files_path>
                    <format_schema_path>%1$s/format_schemas/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                    <max_concurrent_queries>50</max_concurrent_queries>
                    <keep_alive_timeout>1</keep_alive_timeout>
                </yandex>
                """.formatted(dir, http, tcp, interserver);
    }

    private static String users() {
        return """
                <?xml version="1.0"?>
                <yandex>
                    <profiles>
                        <default>
                            <max_memory_usage>2000000000</max_memory_usage>
                        </default>
                    </profiles>
                    <quotas>
                        <default/>
                    </quotas>
                    <users>
                        <default>
                            <password></password>
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                        <%1$s>
                            <password>%2$s</password>
                            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </%1$s>
                    </users>
                </yandex>
                """.formatted(USER, PASSWORD);
    }
}
