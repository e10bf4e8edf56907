package dev.atelier.domain.shared;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to an aggregate. Aggregates return these from the methods that change them;
 * the application stores them in the outbox in the same transaction as the change.
 */
public interface DomainEvent {

    /** Unique id of this occurrence; consumers deduplicate on it. */
    UUID eventId();

    /** Dotted event type, e.g. {@code design.created}; stable, part of the published contract. */
    String type();

    /** The logical stream the event belongs to (one per aggregate type), e.g. {@code designs}. */
    String stream();

    /** Id of the aggregate the event is about; it is also the ordering key. */
    Identifier aggregateId();

    Instant occurredAt();

    /** Version of the payload schema; bumped on an incompatible change of the event's fields. */
    default int schemaVersion() {
        return 1;
    }
}
