package dev.atelier.domain.orders;

import dev.atelier.domain.shared.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

public enum OrderStatus {
    CREATED, CONFIRMED, PAID, ASSEMBLED, CANCELED, REFUNDED;

    public boolean isFinal() {
        return this == ASSEMBLED || this == CANCELED || this == REFUNDED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }

    public static OrderStatus parse(String field, String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException(field, "unknown " + field + " '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(OrderStatus::wireName).collect(Collectors.joining(", "))));
    }
}
