package dev.atelier.bootstrap.relay;

import dev.atelier.application.messaging.Consumers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Starts every event handler's subscription once the service is up, and on shutdown stops them: each
 * finishes the delivery in hand, commits its offsets and leaves its group within SHUTDOWN_TIMEOUT.
 */
@Singleton
@Requires(property = "atelier.messaging.consumers.enabled", notEquals = "false")
class ConsumersLifecycle {

    private final Consumers consumers;

    ConsumersLifecycle(Consumers consumers) {
        this.consumers = consumers;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start();
    }

    @PreDestroy
    void stop() {
        consumers.close();
    }
}
