package dev.atelier.domain.designs;

import dev.atelier.domain.shared.DomainEvent;

/** Events of the designs context; each carries the design's state after the change. */
public sealed interface DesignEvent extends DomainEvent
        permits DesignCreated, DesignUpdated, DesignDeleted, DesignStatusChanged {

    String STREAM = "designs";

    DesignId designId();

    @Override
    default DesignId aggregateId() {
        return designId();
    }

    @Override
    default String stream() {
        return STREAM;
    }
}
