package dev.atelier.bootstrap.relay;

import dev.atelier.application.notifications.DeliveringNotifications;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due notifications on a thread of its own, apart from the consumers, so a slow or failing channel
 * delays only notifications and never the consumption of events.
 */
@Singleton
@Requires(property = "atelier.notifications.dispatcher.enabled", notEquals = "false")
class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 50;

    private final DeliveringNotifications delivering;
    private final Duration idle;
    private volatile boolean running;
    private Thread thread;

    NotificationDispatcher(DeliveringNotifications delivering,
                           @Value("${atelier.notifications.dispatcher.idle-pause:200ms}") Duration idle) {
        this.delivering = delivering;
        this.idle = idle;
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "notification-dispatcher");
            thread.start();
        }
    }

    private void run() {
        while (running) {
            try {
                if (delivering.deliverDue(BATCH) == 0) {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Delivering notifications failed, trying again: {}", e.getMessage());
                try {
                    Thread.sleep(idle.toMillis() * 5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(30_000);
            thread = null;
        }
    }
}
