package dev.atelier.adapters.clickhouse;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse could not be reached, or it refused a request. The message names the server and says what went
 * wrong in ClickHouse's own words ({@code Code: N} and its text), shortened to fit a log line; it never holds
 * the credentials, which only ever travel in request headers.
 */
public final class ClickHouseException extends RuntimeException {

    /** Enough for ClickHouse's message; a failed insert can otherwise quote a large part of the rows. */
    private static final int MAX_DETAIL_LENGTH = 400;

    private static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)");

    private final Integer code;

    private ClickHouseException(String message, Integer code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** ClickHouse answered with an HTTP status other than 200; its body holds the error. */
    static ClickHouseException refused(String server, String action, int httpStatus, String body) {
        String detail = shorten(body);
        Matcher code = ERROR_CODE.matcher(detail);
        return new ClickHouseException(server + " failed to " + action + " (HTTP " + httpStatus + "): " + detail,
                code.find() ? Integer.valueOf(code.group(1)) : null, null);
    }

    /** No answer: refused connection, timeout, broken connection, or an answer that is not what was asked for. */
    static ClickHouseException unreachable(String server, String action, String reason, Throwable cause) {
        return new ClickHouseException("cannot " + action + ": " + server + " " + reason, null, cause);
    }

    /** ClickHouse's error code ({@code Code: N}), when it answered with one. */
    public OptionalInt code() {
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /**
     * The first line of ClickHouse's error text without the boilerplate 18.16 adds around it
     * ({@code e.displayText() = ...}, {@code e.what() = ...}), and no stack trace.
     */
    static String shorten(String body) {
        String text = body == null ? "" : body.strip();
        int lineEnd = text.indexOf('\n');
        if (lineEnd >= 0) {
            text = text.substring(0, lineEnd).strip();
        }
        text = text.replace("e.displayText() = ", "").replaceAll(",\\s*e\\.what\\(\\) = [\\w:]+$", "");
        if (text.isEmpty()) {
            return "no error text";
        }
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "…";
    }
}
