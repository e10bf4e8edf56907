package dev.atelier.application.messaging;

/** Reads the envelope of a raw delivery the way the broker adapter wrote it. */
public interface EnvelopeReader {

    /** @throws UnreadableMessage when required envelope fields are missing or malformed */
    InboundEvent read(InboundEvent.Delivery delivery);

    final class UnreadableMessage extends RuntimeException {
        public UnreadableMessage(String message) {
            super(message);
        }
    }
}
