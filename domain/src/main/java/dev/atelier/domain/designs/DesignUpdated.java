package dev.atelier.domain.designs;

import java.time.Instant;
import java.util.UUID;

public record DesignUpdated(
        UUID eventId,
        DesignId designId,
        String title,
        String description,
        OwnerId userId,
        DesignStatus status,
        long version,
        Instant occurredAt) implements DesignEvent {

    public static final String TYPE = "design.updated";

    @Override
    public String type() {
        return TYPE;
    }
}
