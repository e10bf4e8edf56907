package dev.atelier.application.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as a consumer receives it, whatever the broker: the envelope, the JSON payload, and where it
 * came from (kept for the dead-letter record).
 */
public record InboundEvent(
        UUID eventId,
        String type,
        String key,
        int schemaVersion,
        Instant occurredAt,
        byte[] payload,
        MessageContext context,
        Delivery delivery) {

    public InboundEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** Runs {@code work} with this event bound as the cause of whatever messages it appends to the outbox. */
    public void asCause(Runnable work) {
        context.causedBy(eventId).run(() -> {
            work.run();
            return null;
        });
    }

    /**
     * The broker's coordinates of a delivery and the raw record, exactly as received.
     *
     * @param source    topic (or queue) name
     * @param partition partition, or 0 where the broker has none
     * @param offset    position in the partition, or a sequence number
     */
    public record Delivery(String source, int partition, long offset, String key, byte[] value,
                           Map<String, String> headers) {

        public Delivery {
            headers = Map.copyOf(headers);
        }
    }
}
