package dev.atelier.application.designs;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignCreated;
import dev.atelier.domain.designs.DesignId;
import java.time.Clock;

public final class CreatingDesign implements CreateDesignUseCase {

    private final UnitOfWork unitOfWork;
    private final Designs designs;
    private final EventOutbox outbox;
    private final Clock clock;

    public CreatingDesign(UnitOfWork unitOfWork, Designs designs, EventOutbox outbox, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.designs = designs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Design create(Command command) {
        Design.Change<DesignCreated> change = Design.create(DesignId.newId(), command.content(), command.owner(),
                command.initialStatus(), clock.instant());
        return unitOfWork.inTransaction(() -> {
            designs.add(change.design());
            outbox.append(change.event());
            return change.design();
        });
    }
}
