package dev.atelier.bootstrap.wiring;

import dev.atelier.application.designs.BrowsingDesigns;
import dev.atelier.application.designs.ChangingDesigns;
import dev.atelier.application.designs.CreatingDesign;
import dev.atelier.application.designs.Designs;
import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The designs context's use cases, handed the adapters that implement their ports. */
@Factory
class DesignsFactory {

    @Singleton
    CreatingDesign creatingDesign(UnitOfWork unitOfWork, Designs designs, EventOutbox outbox, Clock clock) {
        return new CreatingDesign(unitOfWork, designs, outbox, clock);
    }

    @Singleton
    ChangingDesigns changingDesigns(UnitOfWork unitOfWork, Designs designs, EventOutbox outbox, Clock clock) {
        return new ChangingDesigns(unitOfWork, designs, outbox, clock);
    }

    @Singleton
    BrowsingDesigns browsingDesigns(Designs designs) {
        return new BrowsingDesigns(designs);
    }
}
