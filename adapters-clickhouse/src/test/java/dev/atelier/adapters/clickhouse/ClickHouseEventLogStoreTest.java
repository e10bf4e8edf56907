package dev.atelier.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.eventlog.ApplicationLogEntry;
import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.KafkaLogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.contract.EventLogStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ClickHouse store against a real server, each test on a database of its own. */
class ClickHouseEventLogStoreTest extends EventLogStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private EventLogStore store;

    @Override
    protected EventLogStore emptyStore() {
        store = ClickHouseTestServer.shared().preparedStore(ClickHouseTestServer.uniqueDatabase("contract"));
        return store;
    }

    @Test
    void holdsEveryControlCharacterAndTheExtremesOfEachNumber() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        controls.append((char) 0x7F).append("\u2028\u2029\uFEFF");
        KafkaLogEntry extreme = new KafkaLogEntry(UUID.randomUUID(), T0, "consume", controls.toString(),
                Integer.MIN_VALUE, Long.MAX_VALUE, "", "", "", "", "dlq", Integer.MAX_VALUE, AWKWARD, Long.MIN_VALUE,
                Instant.EPOCH, "");

        store.append(LogTable.KAFKA_LOGS, List.of(extreme));

        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS))).containsExactly(row(extreme));
        // NUL is the one an entry itself holds as U+FFFD, as every store must (see LogEntry.text).
        assertThat(extreme.topic()).isEqualTo(controls.toString().replace('\0', '\uFFFD'));
        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS).where("topic", extreme.topic()))).hasSize(1);
    }

    @Test
    void aTimeRangeBeyondWhatDateTimeHoldsStillAnswers() {
        store.append(LogTable.APPLICATION_LOGS, List.of(
                new ApplicationLogEntry(UUID.randomUUID(), T0, "WARN", "a.B", "careful", "main", "", "")));

        LogQuery all = LogQuery.all(LogTable.APPLICATION_LOGS);
        assertThat(store.find(all.between(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z"))))
                .hasSize(1);
        assertThat(store.find(all.between(null, Instant.parse("1960-01-01T00:00:00Z")))).isEmpty();
        assertThat(store.stats(all.between(Instant.parse("2150-01-01T00:00:00Z"), null)).total()).isZero();
    }

    @Test
    void aTimeBefore1970IsKeptAs1970RatherThanHoldingUpItsBatch() {
        KafkaLogEntry odd = new KafkaLogEntry(UUID.randomUUID(), T0, "consume", "orders", 0, 1, "k", "e", "t", "g",
                "success", 1, "", 0, Instant.parse("1960-01-01T00:00:00Z"), "");
        KafkaLogEntry usual = consumed("success", "orders", 2, T0);

        store.append(LogTable.KAFKA_LOGS, List.of(odd, usual));

        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS)))
                .extracting(row -> row.get("event_time"))
                .containsExactlyInAnyOrder(Instant.EPOCH, usual.eventTime());
    }

    @Test
    void aRefusedInsertCarriesClickHousesReason() {
        ClickHouseTestServer server = ClickHouseTestServer.shared();
        ClickHouseEventLogStore unprepared = new ClickHouseEventLogStore(server.url(),
                ClickHouseTestServer.uniqueDatabase("unprepared"), ClickHouseTestServer.USER,
                ClickHouseTestServer.PASSWORD, Duration.ofSeconds(10));

        assertThatThrownBy(() -> unprepared.append(LogTable.KAFKA_LOGS, List.of(consumed("success", "orders", 1, T0))))
                .isInstanceOfSatisfying(ClickHouseException.class, refused -> {
                    assertThat(refused.code()).isPresent();
                    assertThat(refused.getMessage())
                            .contains("failed to append 1 entries to kafka_logs")
                            .contains("Code: " + refused.code().getAsInt());
                });
    }

    @Test
    void describesWhereItIsWithoutCredentials() {
        assertThat(store.describe())
                .startsWith("clickhouse " + ClickHouseTestServer.shared().url() + " database contract_")
                .doesNotContain(ClickHouseTestServer.PASSWORD);
    }
}
