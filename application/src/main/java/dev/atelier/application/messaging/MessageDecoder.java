package dev.atelier.application.messaging;

/**
 * Reads an event's JSON payload into a record of the consuming context's own (each context keeps its own
 * view of another's events, so no context imports another's classes). Unknown fields are ignored, so a
 * producer may add fields without breaking its consumers.
 */
public interface MessageDecoder {

    /** @throws PermanentFailure when the payload does not fit {@code type}: retrying cannot help */
    <T> T decode(InboundEvent event, Class<T> type);
}
