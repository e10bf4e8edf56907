package dev.atelier.application.messaging;

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
     * Whether events of this type concern the handler. Others are acknowledged without a transaction or an
     * inbox entry: a consumer that reads a whole stream for two of its types pays nothing for the rest.
     */
    default boolean accepts(String eventType) {
        return true;
    }
}
