package dev.atelier.application.designs;

import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.OwnerId;

/** Optional criteria of a design listing; a null field does not filter. */
public record DesignFilter(OwnerId owner, DesignStatus status) {

    public static DesignFilter of(String userId, String status) {
        return new DesignFilter(userId == null ? null : new OwnerId(userId),
                status == null ? null : DesignStatus.parse("status", status));
    }
}
