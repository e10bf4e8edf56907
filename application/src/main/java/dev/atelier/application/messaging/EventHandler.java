package dev.atelier.application.messaging;

import java.util.List;
import java.util.Set;

/**
 * A consumer of events: one per module and purpose (e.g. the orders module's projection of designs). Its
 * {@link #name()} identifies it in the inbox and the dead-letter queue and names its consumer group.
 *
 * <p>{@link #handle} runs inside the transaction that also records the event in the inbox; it must make its
 * effects only through ports that join that transaction. Throwing means "not handled": the transaction rolls
 * back and the event is retried; a {@link PermanentFailure} is not retried.
 */
public interface EventHandler {

    String name();

    /** The logical streams this consumer reads, e.g. {@code designs}. */
    Set<String> streams();

    void handle(InboundEvent event);

    /**
     * Handles a run of events, all of types it {@linkplain #accepts accepts} and all new to this consumer, in their
     * order and in one transaction. Its effect must be that of {@link #handle} for each in turn. The default does
     * exactly that; a handler that reads and writes a row or two per event overrides it to read what the whole run
     * needs with one statement and write it back with one, which is most of what a busy consumer costs the
     * database. Whatever it appends to the outbox for an event, it appends inside {@link InboundEvent#asCause}, so
     * each message names the event that caused it. A handler that overrides it may implement {@link #handle} as
     * {@code handleAll(List.of(event))}, so that one code path serves both (with this default, that would call
     * itself for ever).
     */
    default void handleAll(List<InboundEvent> run) {
        run.forEach(event -> event.asCause(() -> handle(event)));
    }

    /**
     * Whether events of this type concern the handler. Others are acknowledged without a transaction or an
     * inbox entry: a consumer that reads a whole stream for two of its types pays nothing for the rest.
     */
    default boolean accepts(String eventType) {
        return true;
    }
}
