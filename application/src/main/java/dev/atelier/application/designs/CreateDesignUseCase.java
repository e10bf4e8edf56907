package dev.atelier.application.designs;

import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.OwnerId;

public interface CreateDesignUseCase {

    Design create(Command command);

    /** A request to create a design; it cannot be built from invalid input. */
    record Command(DesignContent content, OwnerId owner, DesignStatus initialStatus) {

        public static Command of(String title, String description, String userId, String status) {
            return new Command(new DesignContent(title, description), new OwnerId(userId),
                    status == null ? null : DesignStatus.parse("status", status));
        }
    }
}
