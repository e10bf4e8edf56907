package dev.atelier.adapters.postgres;

import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.contract.EventLogStoreContract;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
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
}
