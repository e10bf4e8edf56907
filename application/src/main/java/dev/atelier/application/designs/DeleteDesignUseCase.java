package dev.atelier.application.designs;

import dev.atelier.domain.designs.DesignId;

public interface DeleteDesignUseCase {

    /** @param expectedVersion the version the caller last saw ({@code If-Match}), or null to take the latest */
    void delete(DesignId id, Long expectedVersion);
}
