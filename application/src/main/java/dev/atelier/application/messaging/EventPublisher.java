package dev.atelier.application.messaging;

import java.util.List;

/** Hands events to a message broker. */
public interface EventPublisher {

    /** Publishes {@code events} in the given order and waits until the broker has acknowledged them. */
    default List<OutboundEvent> publish(List<OutboundEvent> events) {
        return publish(events, Receipts.NONE);
    }

    /**
     * Publishes {@code events} in the given order, waits until the broker has acknowledged them, and tells
     * {@code receipts} where each one landed or why it did not.
     *
     * @return the events the broker acknowledged; a subset when some failed
     */
    List<OutboundEvent> publish(List<OutboundEvent> events, Receipts receipts);

    /** Told of each event's fate; the event log listens here. */
    interface Receipts {

        /** @param destination the topic (or queue); partition and offset are 0 where the broker has none */
        void published(OutboundEvent event, String destination, int partition, long offset);

        void failed(OutboundEvent event, String destination, String error);

        Receipts NONE = new Receipts() {
            @Override
            public void published(OutboundEvent event, String destination, int partition, long offset) {
            }

            @Override
            public void failed(OutboundEvent event, String destination, String error) {
            }
        };
    }
}
