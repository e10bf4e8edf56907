package dev.atelier.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseExceptionTest {

    @Test
    void keepsClickHousesCodeAndMessageFromTheOldFormat() {
        ClickHouseException refused = ClickHouseException.refused("ClickHouse at http://h:8123", "check the connection",
                401, "Code: 193, e.displayText() = DB::Exception: Wrong password for user atelier, "
                        + "e.what() = DB::Exception\n");

        assertThat(refused.code()).hasValue(193);
        assertThat(refused.getMessage()).isEqualTo("ClickHouse at http://h:8123 failed to check the connection "
                + "(HTTP 401): Code: 193, DB::Exception: Wrong password for user atelier");
    }

    @Test
    void keepsClickHousesCodeAndMessageFromTheCurrentFormat() {
        ClickHouseException refused = ClickHouseException.refused("ClickHouse at http://h:8123", "read kafka_logs",
                404, "Code: 60. DB::Exception: Table logs.kafka_logs does not exist. (UNKNOWN_TABLE) "
                        + "(version 24.8.4.13 (official build))\n");

        assertThat(refused.code()).hasValue(60);
        assertThat(refused.getMessage()).endsWith("(HTTP 404): Code: 60. DB::Exception: Table logs.kafka_logs does "
                + "not exist. (UNKNOWN_TABLE) (version 24.8.4.13 (official build))");
    }

    @Test
    void shortensLongErrorsAndDropsStackTraces() {
        String longError = "Code: 27, e.displayText() = DB::Exception: Cannot parse input: " + "x".repeat(5_000)
                + ", e.what() = DB::Exception\n0. StackTrace::StackTrace()\n1. more";

        String shortened = ClickHouseException.shorten(longError);

        assertThat(shortened).startsWith("Code: 27, DB::Exception: Cannot parse input: xxx").hasSizeLessThan(450)
                .doesNotContain("StackTrace");
        assertThat(ClickHouseException.shorten("")).isEqualTo("no error text");
    }
}
