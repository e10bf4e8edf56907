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

    /**
     * {@code value} as it is when it fits in {@code maxLength} characters (UTF-16 code units, as
     * {@link String#length()} counts them), otherwise its beginning followed by "…": {@code maxLength} in all, or
     * one less where the cut would have split a character outside the Basic Multilingual Plane in two. For text
     * the service writes itself, which a limit further on must not refuse; text a person typed is checked instead,
     * so they can shorten it.
     */
    public static String shortened(String value, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("a shortened text needs room for a character and the ellipsis");
        }
        if (value == null || value.length() <= maxLength) {
            return value;
        }
        int cut = maxLength - 1;
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return value.substring(0, cut) + "…";
    }

    /**
     * {@code value} with every NUL character (U+0000) replaced by U+FFFD, the character that stands for one that
     * cannot be shown. PostgreSQL's text and jsonb cannot hold NUL, so text that arrives from elsewhere (a
     * message's key or headers, what its payload or an error says) goes through this before it is stored; text a
     * person sends through the API is refused instead. Null stays null.
     */
    public static String withoutNul(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    private static String bounded(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidValueException(field,
                    field + " must be at most " + maxLength + " characters, got " + value.length());
        }
        return value;
    }
}
