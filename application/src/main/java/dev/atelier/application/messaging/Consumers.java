package dev.atelier.application.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts one subscription per event handler and routes every delivery through {@link EventConsumption}, so
 * each handler gets the inbox, retries, dead-lettering and per-key order without doing anything itself.
 */
public final class Consumers implements AutoCloseable {

    private final MessageBus bus;
    private final EventConsumption consumption;
    private final List<EventHandler> handlers;
    private final List<MessageBus.Subscription> subscriptions = new ArrayList<>();
    private final OutcomeListener outcomes;

    /** Told of every outcome; the event log listens here. */
    public interface OutcomeListener {
        /** @param event the event as read; null when the message could not be read */
        void onOutcome(String consumer, InboundEvent.Delivery delivery, InboundEvent event, Outcome outcome);

        OutcomeListener NONE = (consumer, delivery, event, outcome) -> { };
    }

    public Consumers(MessageBus bus, EventConsumption consumption, List<EventHandler> handlers, OutcomeListener outcomes) {
        this.bus = bus;
        this.consumption = consumption;
        this.handlers = List.copyOf(handlers);
        this.outcomes = outcomes;
    }

    public synchronized void start() {
        for (EventHandler handler : handlers) {
            subscriptions.add(bus.subscribe(handler.name(), handler.streams(), new MessageBus.Listener() {
                @Override
                public void onEvent(InboundEvent event) {
                    Outcome outcome = consumption.deliver(handler, event);
                    outcomes.onOutcome(handler.name(), event.delivery(), event, outcome);
                }

                @Override
                public void onEvents(List<InboundEvent> events) {
                    List<Outcome> results = consumption.deliverAll(handler, events);
                    for (int i = 0; i < events.size(); i++) {
                        outcomes.onOutcome(handler.name(), events.get(i).delivery(), events.get(i), results.get(i));
                    }
                }

                @Override
                public void onUnreadable(InboundEvent.Delivery delivery, String error) {
                    Outcome outcome = consumption.deliverUnreadable(handler, delivery, error);
                    outcomes.onOutcome(handler.name(), delivery, null, outcome);
                }
            }));
        }
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(MessageBus.Subscription::close);
        subscriptions.clear();
    }
}
