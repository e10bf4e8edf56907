package dev.atelier.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    private final ClickHouseTestServer server = ClickHouseTestServer.shared();
    private final ClickHouseHttp sql = new ClickHouseHttp(server.url(), ClickHouseTestServer.USER,
            ClickHouseTestServer.PASSWORD, Duration.ofSeconds(10));

    @Test
    void preparingTwiceRecordsVersionOneOnce() {
        String database = ClickHouseTestServer.uniqueDatabase("schema");
        ClickHouseEventLogStore store = server.preparedStore(database);
        store.prepare();

        // Without FINAL: the version row was written once, not merely shown once.
        assertThat(sql.execute("test", "SELECT `version`, `description` FROM `" + database
                + "`.`schema_version` FORMAT TabSeparated"))
                .isEqualTo("1\tcreate the event log tables\n");
        assertThat(sql.execute("test", "SELECT name FROM system.tables WHERE database = '" + database
                + "' ORDER BY name FORMAT TabSeparated"))
                .isEqualTo("application_logs\nkafka_logs\nnotification_logs\nschema_version\n");
    }

    @Test
    void twoProcessesMayPrepareTheSameDatabaseAtOnce() throws Exception {
        String database = ClickHouseTestServer.uniqueDatabase("schema");
        CountDownLatch ready = new CountDownLatch(2);
        Callable<Void> prepare = () -> {
            ClickHouseEventLogStore store = new ClickHouseEventLogStore(server.url(), database,
                    ClickHouseTestServer.USER, ClickHouseTestServer.PASSWORD, Duration.ofSeconds(10));
            ready.countDown();
            ready.await();
            store.prepare();
            return null;
        };
        ExecutorService processes = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> preparing : processes.invokeAll(List.of(prepare, prepare))) {
                preparing.get();
            }
        } finally {
            processes.shutdownNow();
        }

        SchemaMigrations migrations = new SchemaMigrations(sql, database, Map.of());
        assertThat(migrations.appliedVersions()).containsExactly(1);
        ClickHouseEventLogStore store = server.preparedStore(database);
        assertThat(store.find(LogQuery.all(LogTable.NOTIFICATION_LOGS))).isEmpty();
    }

    @Test
    void aTableOfAnotherShapeIsReportedWhenPreparing() {
        String database = ClickHouseTestServer.uniqueDatabase("schema");
        sql.execute("test", "CREATE DATABASE `" + database + "`");
        sql.execute("test", "CREATE TABLE `" + database + "`.`kafka_logs` (`entry_id` String, `logged_at` DateTime)"
                + " ENGINE = MergeTree PARTITION BY toYYYYMM(`logged_at`) ORDER BY `entry_id`");

        assertThatThrownBy(() -> server.preparedStore(database))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(database + ".kafka_logs does not have the columns this release needs");
    }
}
