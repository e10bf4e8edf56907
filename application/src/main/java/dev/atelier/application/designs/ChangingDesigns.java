package dev.atelier.application.designs;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignDeleted;
import dev.atelier.domain.designs.DesignEvent;
import dev.atelier.domain.designs.DesignId;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Every change to an existing design follows one path: load, check the caller's expected version, let the
 * aggregate decide, then store the new state and its event together, guarded by the version read.
 */
public final class ChangingDesigns implements UpdateDesignUseCase, ChangeDesignStatusUseCase, DeleteDesignUseCase {

    private final UnitOfWork unitOfWork;
    private final Designs designs;
    private final EventOutbox outbox;
    private final Clock clock;

    public ChangingDesigns(UnitOfWork unitOfWork, Designs designs, EventOutbox outbox, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.designs = designs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Design update(UpdateDesignUseCase.Command command) {
        return change(command.id(), command.expectedVersion(),
                (design, now) -> design.edit(command.content(), now));
    }

    @Override
    public Design changeStatus(ChangeDesignStatusUseCase.Command command) {
        return change(command.id(), null,
                (design, now) -> design.changeStatus(command.newStatus(), command.reason(), now));
    }

    @Override
    public void delete(DesignId id, Long expectedVersion) {
        unitOfWork.inTransaction(() -> {
            Design current = load(id, expectedVersion);
            DesignDeleted event = current.delete(clock.instant());
            if (!designs.remove(id, current.version())) {
                throw new StaleVersionException("design", id, current.version());
            }
            outbox.append(event);
        });
    }

    private Design change(DesignId id, Long expectedVersion,
                          BiFunction<Design, Instant, Design.Change<? extends DesignEvent>> decision) {
        return unitOfWork.inTransaction(() -> {
            Design current = load(id, expectedVersion);
            Design.Change<? extends DesignEvent> change = decision.apply(current, clock.instant());
            if (!designs.replace(change.design(), current.version())) {
                throw new StaleVersionException("design", id, current.version());
            }
            outbox.append(change.event());
            return change.design();
        });
    }

    private Design load(DesignId id, Long expectedVersion) {
        Design current = designs.byId(id).orElseThrow(() -> new NotFoundException("design", id));
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new StaleVersionException("design", id, expectedVersion, current.version());
        }
        return current;
    }
}
