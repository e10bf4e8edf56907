package dev.atelier.application.designs;

import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;

public interface UpdateDesignUseCase {

    Design update(Command command);

    /** @param expectedVersion the version the caller last saw ({@code If-Match}), or null to take the latest */
    record Command(DesignId id, DesignContent content, Long expectedVersion) {
    }
}
