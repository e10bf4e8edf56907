package dev.atelier.application.messaging;

import java.time.Duration;

/** Tells the relay that events were committed to the outbox, so it need not poll on a fixed beat. */
public interface CommitSignal {

    /** Waits until an outbox commit is signalled or {@code atMost} passes; true when signalled. */
    boolean await(Duration atMost) throws InterruptedException;
}
