package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.KafkaLogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.contract.EventLogStoreContract;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The PostgreSQL event log passes the same contract as the ClickHouse one, against a real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcEventLogStoreTest extends EventLogStoreContract implements PostgresTestDatabase {

    @Inject
    DataSource dataSource;

    @Override
    protected EventLogStore emptyStore() {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            for (LogTable table : LogTable.values()) {
                statement.execute("TRUNCATE " + table.tableName());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        EventLogStore store = new JdbcEventLogStore(dataSource, "postgresql test");
        store.prepare();
        return store;
    }

    /**
     * The views share the business's database and connections: a query over too much of the log is stopped at the
     * timeout with a message that says how to ask for less, and the connection goes back to the pool fit for use.
     */
    @Test
    void aViewQueryThatRunsPastItsTimeoutIsStoppedAndSaysHowToAskForLess() {
        EventLogStore store = emptyStore();
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        List<KafkaLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(consumed("success", "orders", i, start.plusMillis(i)));
        }
        store.append(LogTable.KAFKA_LOGS, entries);
        EventLogStore impatient = new JdbcEventLogStore(dataSource, "postgresql test", Duration.ofMillis(1));
        int backend = stateOfTheNextConnection().backend();

        assertThatThrownBy(() -> impatient.stats(LogQuery.all(LogTable.KAFKA_LOGS)))
                .hasMessageContaining("ran longer than 1 ms (EVENT_LOG_QUERY_TIMEOUT) and was stopped");

        // Hikari hands a thread the connection it gave back last, so this is the one the view used.
        ConnectionState after = stateOfTheNextConnection();
        assertThat(after.backend()).isEqualTo(backend);
        assertThat(after.statementTimeout()).as("the view's timeout ended with its transaction").isEqualTo("0");
        assertThat(after.autoCommit()).isTrue();
        assertThat(after.readOnly()).isFalse();
        store.append(LogTable.KAFKA_LOGS, List.of(consumed("dlq", "orders", 100_000, start)));
        assertThat(store.stats(LogQuery.all(LogTable.KAFKA_LOGS)).total()).isEqualTo(100_001);
    }

    private record ConnectionState(int backend, String statementTimeout, boolean autoCommit, boolean readOnly) {
    }

    private ConnectionState stateOfTheNextConnection() {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT pg_backend_pid(), current_setting('statement_timeout')")) {
            row.next();
            return new ConnectionState(row.getInt(1), row.getString(2), connection.getAutoCommit(),
                    connection.isReadOnly());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
