package dev.atelier.adapters.http;

/** Query parameters: {@code ?status=} (present but empty) means the same as leaving it out. */
public final class Query {

    private Query() {
    }

    public static String given(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
