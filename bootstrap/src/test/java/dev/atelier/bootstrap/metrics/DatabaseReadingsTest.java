package dev.atelier.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.UnitOfWork;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DatabaseReadingsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    /** A database that can be taken down: while down, every transaction fails as a lost connection does. */
    private static final class SwitchableDatabase implements UnitOfWork {
        volatile boolean up = true;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (!up) {
                throw new IllegalStateException("Connection refused");
            }
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    }

    private final SwitchableDatabase database = new SwitchableDatabase();
    private final DatabaseReadings readings = new DatabaseReadings(database,
            only(PendingEvents.class, "backlog", () -> new PendingEvents.Backlog(7, NOW.minusSeconds(90))),
            only(DeadLetters.class, "list", () -> new Page<>(List.of(), 1, 1, 3)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** An implementation of {@code port} that answers {@code method} and refuses everything else. */
    private static <T> T only(Class<T> port, String method, Supplier<Object> answer) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer.get();
            }
            throw new UnsupportedOperationException(called.getName());
        }));
    }

    @Test
    void nothing_is_shown_before_the_first_reading() {
        assertThat(readings.backlog()).isNaN();
        assertThat(readings.oldestAgeSeconds()).isNaN();
        assertThat(readings.parked()).isNaN();
    }

    @Test
    void a_reading_shows_the_backlog_its_age_and_the_parked_letters() {
        readings.refresh();

        assertThat(readings.backlog()).isEqualTo(7);
        assertThat(readings.oldestAgeSeconds()).isEqualTo(90);
        assertThat(readings.parked()).isEqualTo(3);
    }

    @Test
    void while_the_database_is_down_the_figures_read_nan_not_their_last_value_and_come_back_with_it() {
        readings.refresh();
        database.up = false;

        readings.refresh();

        assertThat(readings.backlog()).isNaN();
        assertThat(readings.oldestAgeSeconds()).isNaN();
        assertThat(readings.parked()).isNaN();

        database.up = true;
        readings.refresh();

        assertThat(readings.backlog()).isEqualTo(7);
        assertThat(readings.parked()).isEqualTo(3);
    }
}
