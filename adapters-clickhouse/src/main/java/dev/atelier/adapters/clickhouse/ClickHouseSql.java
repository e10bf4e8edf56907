package dev.atelier.adapters.clickhouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** The few pieces of SQL text that must be written with care: names, string literals and times. */
final class ClickHouseSql {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The largest second a {@code DateTime} holds: it is a 32-bit unsigned count of seconds. */
    static final long LAST_DATE_TIME_SECOND = 0xFFFF_FFFFL;

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ClickHouseSql() {
    }

    /**
     * A name quoted for SQL. Names here come from the schema or the configuration, never from a request;
     * they are still checked, so that a bad database name fails at start-up rather than as broken SQL.
     */
    static String identifier(String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain name (letters, digits, underscore)");
        }
        return "`" + name + "`";
    }

    /**
     * A string literal. ClickHouse reads backslash escapes inside quotes, so the backslash and the quote are
     * escaped, and control characters are written as {@code \xHH} so the query text stays on one line.
     * Everything else, non-BMP characters included, goes as it is (the request is UTF-8).
     */
    static String literal(String value) {
        StringBuilder sql = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                sql.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sql.append(String.format("\\x%02X", (int) c));
            } else {
                sql.append(c);
            }
        }
        return sql.append('\'').toString();
    }

    /**
     * A time as a UTC {@code DateTime} column holds it: whole seconds, written out here rather than left to the
     * server, and moved into the years 1970 to 2106 that the type can hold. A value outside that range makes
     * 18.16 mangle it and silently drop the next row; and refusing it would leave the batch it came in
     * undeliverable, since the writer keeps trying a failed batch.
     */
    static String dateTime(Instant instant) {
        long second = Math.min(Math.max(0, instant.getEpochSecond()), LAST_DATE_TIME_SECOND);
        return DATE_TIME.format(Instant.ofEpochSecond(second));
    }

    /** A time as an unsigned milliseconds column holds it: exact from 1970 on, earlier times as 1970. */
    static long epochMillis(Instant instant) {
        return Math.max(0, instant.toEpochMilli());
    }
}
