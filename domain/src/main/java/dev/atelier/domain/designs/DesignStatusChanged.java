package dev.atelier.domain.designs;

import java.time.Instant;
import java.util.UUID;

public record DesignStatusChanged(
        UUID eventId,
        DesignId designId,
        String title,
        String description,
        OwnerId userId,
        DesignStatus oldStatus,
        DesignStatus newStatus,
        String reason,
        long version,
        Instant occurredAt) implements DesignEvent {

    public static final String TYPE = "design.status_changed";

    @Override
    public String type() {
        return TYPE;
    }
}
