package dev.atelier.bootstrap.metrics;

import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last reading of the figures the gauges take from the database: the outbox backlog and the parked dead
 * letters. {@link #refresh} reads them; until it succeeds, and whenever the database does not answer, they are
 * NaN, which a dashboard shows as "no data" rather than as a plausible but stale or zero number.
 */
final class DatabaseReadings {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadings.class);

    private final UnitOfWork unitOfWork;
    private final PendingEvents outbox;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private volatile double backlog = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private volatile double parked = Double.NaN;

    DatabaseReadings(UnitOfWork unitOfWork, PendingEvents outbox, DeadLetters deadLetters, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    double backlog() {
        return backlog;
    }

    double oldestAgeSeconds() {
        return oldestAgeSeconds;
    }

    double parked() {
        return parked;
    }

    void refresh() {
        try {
            PendingEvents.Backlog waiting = unitOfWork.inTransaction(outbox::backlog);
            backlog = waiting.events();
            oldestAgeSeconds = waiting.oldestCreatedAt() == null ? 0
                    : Math.max(0, Duration.between(waiting.oldestCreatedAt(), clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            backlog = Double.NaN;
            oldestAgeSeconds = Double.NaN;
            LOG.debug("Cannot read the outbox backlog for metrics: {}", e.getMessage());
        }
        try {
            parked = unitOfWork.inTransaction(
                    () -> deadLetters.list(DeadLetterFilter.parked(), new PageRequest(1, 1)).total());
        } catch (RuntimeException e) {
            parked = Double.NaN;
            LOG.debug("Cannot count the dead letters for metrics: {}", e.getMessage());
        }
    }
}
