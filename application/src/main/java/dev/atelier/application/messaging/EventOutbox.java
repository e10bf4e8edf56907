package dev.atelier.application.messaging;

import dev.atelier.domain.shared.DomainEvent;

/** Stores events for later publication, in the caller's transaction. */
public interface EventOutbox {

    void append(DomainEvent event);
}
