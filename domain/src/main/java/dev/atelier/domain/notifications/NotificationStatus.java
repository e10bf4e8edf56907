package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

public enum NotificationStatus {
    /** Waiting for its first or next delivery attempt. */
    PENDING,
    SENT,
    /** Out of attempts, or refused for good; published to the dead-letter topic. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }

    public static NotificationStatus parse(String field, String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst().orElseThrow(() -> new InvalidValueException(field, "unknown " + field + " '" + text
                        + "'; expected pending, sent or failed"));
    }
}
