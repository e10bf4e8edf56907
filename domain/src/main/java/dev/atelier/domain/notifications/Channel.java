package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

public enum Channel {
    LOG, TELEGRAM, WEBHOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }

    public static Channel parse(String field, String text) {
        return Arrays.stream(values()).filter(c -> c.wireName().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst().orElseThrow(() -> new InvalidValueException(field, "unknown " + field + " '" + text
                        + "'; expected log, telegram or webhook"));
    }
}
