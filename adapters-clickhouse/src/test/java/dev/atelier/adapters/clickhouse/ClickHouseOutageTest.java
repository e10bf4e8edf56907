package dev.atelier.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.eventlog.ApplicationLogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the store does while ClickHouse is down or silent: it says so, and it recovers by itself. */
class ClickHouseOutageTest {

    private final ClickHouseTestServer server = ClickHouseTestServer.shared();

    @Test
    void failsWhileTheServerIsDownAndWorksAgainOnceItIsBack() {
        ClickHouseEventLogStore store = server.preparedStore(ClickHouseTestServer.uniqueDatabase("outage"));
        ApplicationLogEntry written = warning("written before the outage");
        store.append(LogTable.APPLICATION_LOGS, List.of(written));

        server.stop();
        try {
            assertThatThrownBy(store::check)
                    .isInstanceOf(ClickHouseException.class)
                    .hasMessageContaining("refused the connection");
            assertThatThrownBy(() -> store.append(LogTable.APPLICATION_LOGS, List.of(warning("lost"))))
                    .isInstanceOf(ClickHouseException.class)
                    .hasMessageContaining("cannot append 1 entries to application_logs");
        } finally {
            server.start();
        }

        store.check();
        ApplicationLogEntry later = warning("written after the outage");
        store.append(LogTable.APPLICATION_LOGS, List.of(later));
        assertThat(store.find(LogQuery.all(LogTable.APPLICATION_LOGS)))
                .extracting(row -> row.get("message"))
                .containsExactly("written after the outage", "written before the outage");
    }

    @Test
    void aServerThatNeverAnswersFailsAtTheRequestTimeout() throws Exception {
        // Connections queue in the backlog of a socket nobody accepts from: connected, never answered.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ClickHouseEventLogStore store = new ClickHouseEventLogStore(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), "logs", "default", "",
                    Duration.ofMillis(300));

            assertThatThrownBy(store::check)
                    .isInstanceOf(ClickHouseException.class)
                    .hasMessageContaining("did not answer within PT0.3S");
        }
    }

    private static ApplicationLogEntry warning(String message) {
        return new ApplicationLogEntry(UUID.randomUUID(), Instant.now(), "WARN", "a.B", message, "main", "", "");
    }
}
