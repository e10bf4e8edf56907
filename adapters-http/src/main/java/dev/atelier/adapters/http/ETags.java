package dev.atelier.adapters.http;

import dev.atelier.domain.shared.InvalidValueException;

/** Versions travel as strong ETags ({@code "3"}); {@code If-Match} names the version a change is based on. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version in an {@code If-Match} header, or null when there is none or it is {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("If-Match", "If-Match must be an ETag from this API such as \"3\", got "
                    + ifMatch);
        }
    }
}
