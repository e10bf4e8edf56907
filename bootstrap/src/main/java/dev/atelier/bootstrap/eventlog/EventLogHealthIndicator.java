package dev.atelier.bootstrap.eventlog;

import dev.atelier.application.eventlog.EventLog;
import dev.atelier.application.eventlog.EventLogStore;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code eventLog} in {@code /health}: UP while the log is written; DEGRADED (still operational, HTTP 200)
 * while its store does not answer or entries are being dropped. The business flows go on either way, so a
 * degraded log must not take the service out of a load balancer.
 */
@Singleton
class EventLogHealthIndicator implements HealthIndicator {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "the event log is not being written; business flows are not affected", true, null);

    private static final Duration RECENT_WRITE = Duration.ofSeconds(10);
    private static final Duration CHECK_WAIT = Duration.ofSeconds(1);

    private final EventLog log;
    private final EventLogStore store;
    private final Clock clock;

    EventLogHealthIndicator(EventLog log, EventLogStore store, Clock clock) {
        this.log = log;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        EventLog.Status status = log.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", status.store());
        String unreachable = reachability(status);
        details.put("reachable", unreachable == null);
        details.put("buffered", status.buffered());
        details.put("capacity", status.capacity());
        details.put("written", status.written());
        details.put("dropped", status.dropped());
        if (status.lastError() != null || unreachable != null) {
            details.put("error", status.lastError() != null ? status.lastError() : unreachable);
        }
        if (status.lastWriteAt() != null) {
            details.put("last_write_at", status.lastWriteAt().toString());
        }
        HealthStatus health = status.degraded() || unreachable != null ? DEGRADED : HealthStatus.UP;
        return Publishers.just(HealthResult.builder("eventLog", health).details(details).build());
    }

    /**
     * Null when the store answers. A write that succeeded a moment ago is answer enough; otherwise the store is
     * asked, but health waits at most {@link #CHECK_WAIT} for it, so a store that hangs cannot make the health
     * endpoint hang too.
     */
    private String reachability(EventLog.Status status) {
        if (status.lastError() == null && status.lastWriteAt() != null
                && status.lastWriteAt().isAfter(clock.instant().minus(RECENT_WRITE))) {
            return null;
        }
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                store.check();
                return null;
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        });
        try {
            return answer.get(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "no answer within " + CHECK_WAIT.toMillis() + " ms";
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
