package dev.atelier.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClickHouseSqlTest {

    @Test
    void aLiteralEscapesBackslashQuoteAndControlCharacters() {
        assertThat(ClickHouseSql.literal("it's")).isEqualTo("'it\\'s'");
        assertThat(ClickHouseSql.literal("x\\' OR 1=1 --")).isEqualTo("'x\\\\\\' OR 1=1 --'");
        assertThat(ClickHouseSql.literal("a\nb\tc\u0000\u007F")).isEqualTo("'a\\x0Ab\\x09c\\x00\\x7F'");
        assertThat(ClickHouseSql.literal("ünï ✓ 😀 \"%\"")).isEqualTo("'ünï ✓ 😀 \"%\"'");
    }

    @Test
    void onlyPlainNamesAreIdentifiers() {
        assertThat(ClickHouseSql.identifier("offset")).isEqualTo("`offset`");
        assertThat(ClickHouseSql.identifier("logs_2")).isEqualTo("`logs_2`");
        for (String bad : new String[] {"", "a-b", "a`b", "a b", "1a", "a.b"}) {
            assertThatThrownBy(() -> ClickHouseSql.identifier(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDateTimeIsWrittenInUtcWholeSecondsMovedIntoItsRange() {
        assertThat(ClickHouseSql.dateTime(Instant.parse("2026-03-01T10:00:00.999Z"))).isEqualTo("2026-03-01 10:00:00");
        assertThat(ClickHouseSql.dateTime(Instant.EPOCH)).isEqualTo("1970-01-01 00:00:00");
        assertThat(ClickHouseSql.dateTime(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo("1970-01-01 00:00:00");
        assertThat(ClickHouseSql.dateTime(Instant.parse("2200-01-01T00:00:00Z"))).isEqualTo("2106-02-07 06:28:15");
    }

    @Test
    void milliSecondsAreExactFrom1970On() {
        assertThat(ClickHouseSql.epochMillis(Instant.parse("2026-03-01T10:00:00.123Z"))).isEqualTo(1_772_359_200_123L);
        assertThat(ClickHouseSql.epochMillis(Instant.parse("1969-12-31T23:59:59.999Z"))).isZero();
    }
}
