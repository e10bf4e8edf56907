package dev.atelier.bootstrap.messaging;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * A consumer of the designs topic that writes one row per handled event into {@code test_effects}, in the
 * transaction of its inbox entry, so tests can count effects exactly. Fails on designs whose title
 * contains FAIL while {@link #failing} is set, like a handler with a bug that is later fixed.
 */
@Singleton
@Requires(property = "atelier.test.recording-handler", value = "true")
public class RecordingHandler implements EventHandler {

    public static final String NAME = "test-recorder";
    public static volatile boolean failing;

    private final ConnectionOperations<Connection> connections;

    RecordingHandler(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> streams() {
        return Set.of("designs");
    }

    @Override
    public void handle(InboundEvent event) {
        String payload = new String(event.payload(), StandardCharsets.UTF_8);
        if (failing && payload.contains("FAIL")) {
            throw new IllegalStateException("handler bug: cannot handle " + event.type() + " of " + event.key());
        }
        Connection connection = connections.getConnectionStatus().getConnection();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO test_effects (event_id, event_type, design_id, payload) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, event.type());
            insert.setString(3, event.key());
            insert.setString(4, payload);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
