package dev.atelier.application.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A committed event waiting in the outbox, in the form every broker adapter needs: who it is, where it
 * goes (a logical stream, mapped to a topic by the adapter), its ordering key and its JSON payload.
 *
 * @param position the outbox's commit-ordered sequence number; publication follows it per key
 * @param context  trace, correlation and causation of the flow that produced the event
 */
public record OutboundEvent(
        long position,
        UUID eventId,
        String stream,
        String type,
        String key,
        int schemaVersion,
        Instant occurredAt,
        byte[] payload,
        MessageContext context) {

    public OutboundEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(context, "context");
    }
}
