package dev.atelier.domain.shared;

/** Checks shared by the value objects that wrap free text. */
public final class Texts {

    private Texts() {
    }

    /** Trims {@code value} and insists that something is left and that it fits in {@code maxLength}. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, field + " is required");
        }
        return bounded(field, value.strip(), maxLength);
    }

    /** Trims {@code value} (which may be absent) and insists that it fits in {@code maxLength}. */
    public static String optional(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        return bounded(field, value.strip(), maxLength);
    }

    private static String bounded(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidValueException(field,
                    field + " must be at most " + maxLength + " characters, got " + value.length());
        }
        return value;
    }
}
