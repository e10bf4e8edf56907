package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.CommitSignal;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the relay through PostgreSQL {@code LISTEN atelier_outbox}: the outbox trigger notifies at commit,
 * so the relay reacts within milliseconds of a commit instead of a poll interval later. Uses a connection of
 * its own (a listening connection must stay open, which a pooled one should not); if it is lost the signal
 * reports a timeout and reconnects, and the relay's fallback poll covers the gap.
 */
@Singleton
class PostgresCommitSignal implements CommitSignal {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCommitSignal.class);

    private final String url;
    private final String username;
    private final String password;
    private Connection listening;

    PostgresCommitSignal(@Value("${datasources.default.url}") String url,
                         @Value("${datasources.default.username:}") String username,
                         @Value("${datasources.default.password:}") String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    public boolean await(Duration atMost) throws InterruptedException {
        try {
            PGConnection connection = listener();
            var notifications = connection.getNotifications((int) Math.max(1, atMost.toMillis()));
            return notifications != null && notifications.length > 0;
        } catch (SQLException e) {
            LOG.debug("Outbox commit signal lost ({}); reconnecting on next wait", e.getMessage());
            closeQuietly();
            Thread.sleep(atMost.toMillis());
            return false;
        }
    }

    private synchronized PGConnection listener() throws SQLException {
        if (listening == null || listening.isClosed()) {
            listening = DriverManager.getConnection(url, username, password);
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN atelier_outbox");
            }
        }
        return listening.unwrap(PGConnection.class);
    }

    @PreDestroy
    synchronized void closeQuietly() {
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to do
            }
            listening = null;
        }
    }
}
