package dev.atelier.application.messaging;

import java.util.Set;

/**
 * The consuming half of a broker adapter. A subscription delivers every event of the given streams to the
 * listener, at least once and in order per key, and acknowledges a delivery only after the listener
 * returned normally; if the listener throws, the same delivery comes again (after a pause).
 */
public interface MessageBus {

    Subscription subscribe(String consumer, Set<String> streams, Listener listener);

    interface Listener {

        void onEvent(InboundEvent event);

        /** A run of consecutive events of one partition; a listener may handle them together. */
        default void onEvents(java.util.List<InboundEvent> events) {
            events.forEach(this::onEvent);
        }

        void onUnreadable(InboundEvent.Delivery delivery, String error);
    }

    /** A running subscription; closing it finishes the delivery in hand, acknowledges it and stops. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
