package dev.atelier.application.messaging;

import java.util.List;

/** Hands events to a message broker. */
public interface EventPublisher {

    /**
     * Publishes {@code events} in the given order and waits until the broker has acknowledged them.
     *
     * @return the events the broker acknowledged; a subset when some failed (each failure is logged)
     */
    List<OutboundEvent> publish(List<OutboundEvent> events);
}
