package dev.atelier.application.designs;

import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignId;
import dev.atelier.domain.designs.DesignStatus;

public interface ChangeDesignStatusUseCase {

    Design changeStatus(Command command);

    record Command(DesignId id, DesignStatus newStatus, String reason) {

        public static Command of(DesignId id, String newStatus, String reason) {
            return new Command(id, DesignStatus.parse("new_status", newStatus), reason);
        }
    }
}
