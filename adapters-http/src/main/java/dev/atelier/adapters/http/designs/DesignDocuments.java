package dev.atelier.adapters.http.designs;

import dev.atelier.domain.designs.Design;
import java.time.Instant;
import java.util.UUID;

/** The JSON documents of the designs API (snake_case on the wire). */
final class DesignDocuments {

    private DesignDocuments() {
    }

    record CreateDesignRequest(String title, String description, String userId, String status) {
    }

    record UpdateDesignRequest(String title, String description) {
    }

    record ChangeStatusRequest(String newStatus, String reason) {
    }

    record DesignDocument(UUID id, String title, String description, String userId, String status, long version,
                          Instant createdAt, Instant updatedAt) {

        static DesignDocument of(Design design) {
            return new DesignDocument(design.id().value(), design.content().title(), design.content().description(),
                    design.owner().value(), design.status().wireName(), design.version(), design.createdAt(),
                    design.updatedAt());
        }
    }
}
