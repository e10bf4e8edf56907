package dev.atelier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.bootstrap.testing.ServiceProcess;
import dev.atelier.bootstrap.testing.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run mode, killed with SIGKILL and started again the same way, as a user would: the embedded
 * PostgreSQL that outlived the killed service is stopped instead of blocking the start, what was accepted
 * is still there, and the consumers take up their partitions at once (static members), instead of waiting
 * for the killed members' sessions to time out while the sagas' deadlines run out.
 */
class EmbeddedCrashRestartTest {

    /** Far longer than the waits below: a consumer that waited for the old session would fail the test. */
    private static final String SESSION_TIMEOUT_MS = "300000";

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopWhatThisTestStarted() {
        processes.forEach(Process::destroyForcibly);
        databaseServer().ifPresent(ProcessHandle::destroyForcibly);
    }

    private Process startService(int httpPort, Path log) throws IOException {
        Process process = ServiceProcess.start(Map.of(
                "ATELIER_DATA_DIR", dataDir.toString(),
                "HTTP_PORT", Integer.toString(httpPort),
                "ATELIER_EMBEDDED_KAFKA_PORT", "0",
                "ATELIER_EMBEDDED_POSTGRES_PORT", "0",
                "KAFKA_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS), log);
        processes.add(process);
        return process;
    }

    /** The embedded PostgreSQL serving this test's data directory, while one runs. */
    private Optional<ProcessHandle> databaseServer() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    private static Shop awaitHealthy(int port, Process process) {
        return new Shop(ServiceProcess.awaitHealthy(port, process));
    }

    @Test
    void after_a_kill_9_it_starts_again_as_before_and_goes_on_where_it_was() throws Exception {
        Path log = Files.createTempFile("atelier-embedded-crash", ".log");
        int port = ServiceProcess.freePort();
        Process first = startService(port, log);
        Shop shop = awaitHealthy(port, first);
        String design = shop.approvedDesign();
        String before = shop.order("before-" + UUID.randomUUID(), "MUG-1", design);
        assertThat(shop.finalOrder(before, Duration.ofSeconds(120)).get("status").asText()).isEqualTo("assembled");
        ProcessHandle database = databaseServer().orElseThrow();

        first.destroyForcibly().waitFor();
        assertThat(first.exitValue()).as("killed, not stopped").isNotZero();
        assertThat(database.isAlive()).as("the database server is a process of its own and outlives the service")
                .isTrue();

        Process second = startService(port, log);
        shop = awaitHealthy(port, second);
        assertThat(database.isAlive()).as("the left-over database server was stopped").isFalse();
        assertThat(shop.orderNow(before).get("status").asText()).as("kept across the crash").isEqualTo("assembled");

        String after = shop.order("after-" + UUID.randomUUID(), "MUG-2", design);
        assertThat(shop.finalOrder(after, Duration.ofSeconds(120)).get("status").asText())
                .as("its saga ran without waiting out the killed consumers' sessions").isEqualTo("assembled");

        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(databaseServer()).as("a clean stop takes its database server with it").isEmpty();
        // Only now: when the test fails, the two processes' log stays behind to be read.
        Files.delete(log);
    }

    @Test
    void a_second_service_on_the_same_data_directory_is_refused_with_advice() throws Exception {
        Map<String, String> env = Map.of("ATELIER_DATA_DIR", dataDir.toString(), "ATELIER_EMBEDDED_KAFKA_PORT", "0",
                "ATELIER_EMBEDDED_POSTGRES_PORT", "0");
        Map<String, Object> randomHttpPort = Map.of("micronaut.server.port", -1);
        try (Atelier first = Atelier.start(env, randomHttpPort)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Atelier.start(env, randomHttpPort))
                    .hasMessageContaining("another Atelier is using the data directory " + dataDir)
                    .hasMessageContaining("ATELIER_DATA_DIR");
            assertThat(first.server().isRunning()).as("the first one is untouched").isTrue();
        }
    }
}
