package dev.atelier.adapters.kafka;

import dev.atelier.domain.shared.Texts;
import java.nio.charset.StandardCharsets;

/**
 * A record's key and headers as the service keeps them: read as UTF-8, where a byte sequence that is not UTF-8
 * becomes U+FFFD (the JDK's decoder does that) and so does a NUL character ({@link Texts#withoutNul}). PostgreSQL's
 * {@code text} and {@code jsonb} cannot hold NUL, and every consumed message is recorded there (its dead letter,
 * its event-log entry, the check whether its key is held back); a key or header with a NUL, which any producer
 * may send, would make each of those writes fail, and with them the consumer, over and over.
 */
final class WireText {

    private WireText() {
    }

    static String of(byte[] bytes) {
        return bytes == null ? "" : of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Null stays null: a record without a key has none. */
    static String of(String text) {
        return Texts.withoutNul(text);
    }
}
