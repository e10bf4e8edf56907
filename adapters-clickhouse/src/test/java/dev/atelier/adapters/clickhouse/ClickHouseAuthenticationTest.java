package dev.atelier.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClickHouseAuthenticationTest {

    private final ClickHouseTestServer server = ClickHouseTestServer.shared();

    @Test
    void aUserWithItsPasswordIsLetIn() {
        ClickHouseEventLogStore store = server.preparedStore(ClickHouseTestServer.uniqueDatabase("auth"));

        store.check();
        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS))).isEmpty();
    }

    @Test
    void theDefaultUserNeedsNoPassword() {
        new ClickHouseEventLogStore(server.url(), "default", null, null, Duration.ofSeconds(10)).check();
    }

    @Test
    void aWrongPasswordIsRefusedWithClickHousesReasonAndWithoutThePassword() {
        String wrongPassword = "not-" + ClickHouseTestServer.PASSWORD;
        ClickHouseEventLogStore store = new ClickHouseEventLogStore(server.url(),
                ClickHouseTestServer.uniqueDatabase("auth"), ClickHouseTestServer.USER, wrongPassword,
                Duration.ofSeconds(10));

        for (Runnable call : new Runnable[] {store::check, store::prepare}) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(ClickHouseException.class, refused -> {
                        assertThat(refused.code()).isPresent();
                        assertThat(refused.getMessage())
                                .contains(server.url().toString())
                                .contains("Code: " + refused.code().getAsInt())
                                .containsIgnoringCase("password")
                                .doesNotContain(wrongPassword)
                                .doesNotContain(ClickHouseTestServer.PASSWORD);
                    });
        }
    }
}
