package dev.atelier.bootstrap.wiring;

import dev.atelier.adapters.clickhouse.ClickHouseEventLogStore;
import dev.atelier.adapters.postgres.JdbcEventLogStore;
import dev.atelier.application.eventlog.EventLog;
import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.MessageLog;
import dev.atelier.application.eventlog.NotificationLog;
import dev.atelier.application.eventlog.ViewingEventLog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The event log: ClickHouse when {@code CLICKHOUSE_URL} is set, otherwise the same tables in PostgreSQL; a
 * buffered writer in front of it; and the listeners that feed it from the relay, the consumers and the
 * notification dispatcher.
 */
@Factory
class EventLogFactory {

    @Singleton
    EventLogStore eventLogStore(DataSource dataSource,
                                @Value("${datasources.default.url}") String jdbcUrl,
                                @Value("${atelier.event-log.clickhouse.url:}") String clickHouseUrl,
                                @Value("${atelier.event-log.clickhouse.database:logs}") String database,
                                @Value("${atelier.event-log.clickhouse.username:default}") String username,
                                @Value("${atelier.event-log.clickhouse.password:}") String password,
                                @Value("${atelier.event-log.clickhouse.timeout:5s}") Duration timeout,
                                @Value("${atelier.event-log.query-timeout:10s}") Duration queryTimeout) {
        if (clickHouseUrl.isBlank()) {
            return new JdbcEventLogStore(dataSource, "postgresql " + jdbcUrl, queryTimeout);
        }
        return new ClickHouseEventLogStore(URI.create(clickHouseUrl.strip()), database, username, password, timeout);
    }

    @Singleton
    @Bean(preDestroy = "close")
    EventLog eventLog(EventLogStore store, Clock clock,
                      @Value("${atelier.event-log.buffer-capacity:100000}") int capacity,
                      @Value("${atelier.event-log.batch-size:20000}") int batchSize,
                      @Value("${atelier.event-log.flush-interval:1s}") Duration flushInterval,
                      @Value("${atelier.event-log.retry-pause:2s}") Duration retryPause,
                      @Value("${atelier.event-log.retention:30d}") Duration retention) {
        EventLog log = new EventLog(store,
                new EventLog.Settings(capacity, batchSize, flushInterval, retryPause, retention), clock);
        log.start();
        return log;
    }

    @Singleton
    MessageLog messageLog(EventLog log, Clock clock) {
        return new MessageLog(log, clock);
    }

    @Singleton
    NotificationLog notificationLog(EventLog log, Clock clock) {
        return new NotificationLog(log, clock);
    }

    @Singleton
    ViewingEventLog viewingEventLog(EventLogStore store) {
        return new ViewingEventLog(store);
    }
}
