package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;
import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.DesignStatusChanged;
import dev.atelier.domain.designs.OwnerId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcOutboxTest implements PostgresTestDatabase {

    @Inject
    JdbcOutbox outbox;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    JdbcInbox inbox;

    /** For VACUUM, which frees the room of published rows for later ones, and for plans and counts. */
    @Inject
    JdbcSession session;

    private List<OutboundEvent> waiting(int limit) {
        return outbox.oldest(limit);
    }

    @BeforeEach
    void drain() {
        publishOldest(100_000);
    }

    /** What the relay does with a batch the broker took whole; returns the batch. */
    private List<OutboundEvent> publishOldest(int limit) {
        return unitOfWork.inTransaction(() -> {
            List<OutboundEvent> batch = outbox.oldest(limit);
            outbox.published(positions(batch));
            return batch;
        });
    }

    private static List<Long> positions(List<OutboundEvent> events) {
        return events.stream().map(OutboundEvent::position).toList();
    }

    private static DesignStatusChanged approval() {
        Design design = Design.restore(DesignId.newId(), new DesignContent("Poster", null), new OwnerId("user_7"),
                DesignStatus.PENDING, 2, Instant.EPOCH, Instant.EPOCH);
        return design.changeStatus(DesignStatus.APPROVED, "looks good", Instant.parse("2026-03-01T12:00:00Z")).event();
    }

    @Test
    void an_appended_event_waits_with_its_envelope_and_snake_case_payload() {
        DesignStatusChanged event = approval();
        unitOfWork.inTransaction(() -> outbox.append(event));

        List<OutboundEvent> pending = waiting(10);

        assertThat(pending).hasSize(1);
        OutboundEvent stored = pending.get(0);
        assertThat(stored.eventId()).isEqualTo(event.eventId());
        assertThat(stored.type()).isEqualTo("design.status_changed");
        assertThat(stored.stream()).isEqualTo("designs");
        assertThat(stored.key()).isEqualTo(event.designId().asString());
        assertThat(stored.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(new String(stored.payload(), StandardCharsets.UTF_8))
                .contains("\"design_id\":\"" + event.designId() + "\"")
                .contains("\"old_status\":\"pending\"", "\"new_status\":\"approved\"", "\"reason\":\"looks good\"")
                .contains("\"user_id\":\"user_7\"", "\"occurred_at\":\"2026-03-01T12:00:00Z\"")
                .doesNotContain("event_id", "stream", "aggregate_id");
    }

    /** A transaction that appends one event writes it with a statement of its own; both must store the same. */
    @Test
    void a_lone_event_and_the_events_of_a_batch_are_stored_alike() {
        MessageContext flow = MessageContext.continuing("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "correlation-1", "cause-1");
        DesignStatusChanged alone = approval();
        DesignStatusChanged inBatch = approval();
        flow.run(() -> {
            unitOfWork.inTransaction(() -> outbox.append(alone));
            unitOfWork.inTransaction(() -> {
                outbox.append(inBatch);
                outbox.append(approval());
            });
            return null;
        });

        List<OutboundEvent> stored = waiting(10);

        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).eventId()).isEqualTo(alone.eventId());
        assertThat(stored.get(1).eventId()).isEqualTo(inBatch.eventId());
        for (OutboundEvent event : stored.subList(0, 2)) {
            assertThat(event.stream()).isEqualTo("designs");
            assertThat(event.type()).isEqualTo("design.status_changed");
            assertThat(event.schemaVersion()).isEqualTo(alone.schemaVersion());
            assertThat(event.occurredAt()).isEqualTo(alone.occurredAt());
            assertThat(event.context().traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
            assertThat(event.context().correlationId()).isEqualTo("correlation-1");
            assertThat(event.context().causationId()).isEqualTo("cause-1");
        }
        assertThat(stored.get(0).key()).isEqualTo(alone.designId().asString());
        assertThat(stored.get(1).key()).isEqualTo(inBatch.designId().asString());
        assertThat(new String(stored.get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo(new String(stored.get(1).payload(), StandardCharsets.UTF_8)
                        .replace(inBatch.designId().asString(), alone.designId().asString()));
    }

    @Test
    void an_event_of_a_rolled_back_transaction_is_never_seen() {
        try {
            unitOfWork.inTransaction(() -> {
                outbox.append(approval());
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        assertThat(waiting(10)).isEmpty();
    }

    @Test
    void a_transaction_writes_its_events_in_append_order_when_it_commits_and_only_then() {
        List<DesignStatusChanged> events = IntStream.range(0, 40).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> {
            events.forEach(outbox::append);
            assertThat(waiting(100)).as("not yet written: the transaction has not committed").isEmpty();
            return null;
        });

        assertThat(waiting(100)).extracting(OutboundEvent::eventId)
                .containsExactlyElementsOf(events.stream().map(DesignStatusChanged::eventId).toList());
    }

    @Test
    void an_outbox_write_that_fails_at_commit_rolls_back_everything_the_transaction_did() {
        UUID handled = UUID.randomUUID();
        DesignStatusChanged event = approval();
        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> {
            inbox.record("outbox-test", handled);
            outbox.append(event);
            outbox.append(event);
            return null;
        })).hasMessageContaining("duplicate key");

        assertThat(waiting(10)).isEmpty();
        assertThat(unitOfWork.inTransaction(() -> inbox.record("outbox-test", handled)))
                .as("the inbox row went with the failed commit").isTrue();
        unitOfWork.inTransaction(() -> outbox.append(event));
        assertThat(waiting(10)).extracting(OutboundEvent::eventId).containsExactly(event.eventId());
    }

    @Test
    void the_backlog_counts_what_waits_and_dates_the_oldest() {
        assertThat(outbox.backlog()).isEqualTo(new PendingEvents.Backlog(0, null));
        Instant before = Instant.now().minusSeconds(1);
        unitOfWork.inTransaction(() -> {
            outbox.append(approval());
            outbox.append(approval());
            return null;
        });

        PendingEvents.Backlog backlog = outbox.backlog();
        assertThat(backlog.events()).isEqualTo(2);
        assertThat(backlog.oldestCreatedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        publishOldest(1);
        assertThat(outbox.backlog().events()).isEqualTo(1);
    }

    @Test
    void a_large_backlog_is_counted_up_to_a_bound_and_estimated_beyond_it() {
        int waiting = JdbcOutbox.COUNTED_UP_TO + 2_000;
        session.update("INSERT INTO outbox (event_id, stream, event_type, aggregate_key, schema_version, occurred_at,"
                + " payload) SELECT gen_random_uuid(), 'designs', 'design.status_changed', 'k', 1, now(), '{}'"
                + " FROM generate_series(1, ?)", waiting);
        try {
            // ANALYZE reads every page of a table this small, so its estimate is the count.
            session.update("ANALYZE outbox");
            assertThat(outbox.backlog().events()).as("the estimate once the table's statistics know the rows")
                    .isEqualTo(waiting);

            session.update("DELETE FROM outbox WHERE position IN (SELECT position FROM outbox ORDER BY position"
                    + " LIMIT ?)", waiting - JdbcOutbox.COUNTED_UP_TO);
            assertThat(outbox.backlog().events()).as("counted again, whatever the statistics still say")
                    .isEqualTo(JdbcOutbox.COUNTED_UP_TO);
        } finally {
            // The rows have no message context, which the other tests' reads of the outbox require.
            session.update("DELETE FROM outbox");
        }
    }

    @Test
    void an_event_appended_outside_a_transaction_is_written_at_once() {
        DesignStatusChanged event = approval();
        outbox.append(event);
        assertThat(waiting(10)).extracting(OutboundEvent::eventId).containsExactly(event.eventId());
    }

    @Test
    void published_events_leave_the_outbox_and_the_others_come_in_append_order() {
        List<DesignStatusChanged> events = IntStream.range(0, 60).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> events.subList(0, 30).forEach(outbox::append));
        unitOfWork.inTransaction(() -> events.subList(30, 60).forEach(outbox::append));

        List<OutboundEvent> first = publishOldest(45);

        assertThat(first).extracting(OutboundEvent::eventId)
                .containsExactlyElementsOf(events.subList(0, 45).stream().map(DesignStatusChanged::eventId).toList());
        assertThat(publishOldest(100)).extracting(OutboundEvent::eventId)
                .containsExactlyElementsOf(events.subList(45, 60).stream().map(DesignStatusChanged::eventId).toList());
        assertThat(outbox.backlog().events()).isZero();
        assertThat(session.count("SELECT count(*) FROM outbox", List.of())).as("no row kept").isZero();
    }

    @Test
    void the_oldest_events_come_first_wherever_they_are_stored() {
        List<DesignStatusChanged> published = IntStream.range(0, 300).mapToObj(i -> approval()).toList();
        List<DesignStatusChanged> older = IntStream.range(0, 100).mapToObj(i -> approval()).toList();
        List<DesignStatusChanged> newer = IntStream.range(0, 100).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> published.forEach(outbox::append));
        unitOfWork.inTransaction(() -> older.forEach(outbox::append));
        publishOldest(published.size());
        session.update("VACUUM outbox");
        unitOfWork.inTransaction(() -> newer.forEach(outbox::append));

        List<OutboundEvent> oldest = unitOfWork.inTransaction(() -> outbox.oldest(1_000));

        assertThat(oldest).extracting(OutboundEvent::eventId).containsExactlyElementsOf(
                Stream.concat(older.stream(), newer.stream()).map(DesignStatusChanged::eventId).toList());
    }

    @Test
    void reading_the_oldest_events_walks_the_primary_key_from_its_start() {
        List<DesignStatusChanged> waiting = IntStream.range(0, 2_000).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> waiting.forEach(outbox::append));
        session.update("ANALYZE outbox");

        List<String> plan = session.query("EXPLAIN " + JdbcOutbox.OLDEST, List.of(10), row -> row.getString(1));

        assertThat(String.join("\n", plan)).as("the plan").contains("Index Scan using outbox_pkey on outbox")
                .doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void the_relay_reads_through_the_primary_key_even_when_statistics_favour_reading_every_page() {
        List<DesignStatusChanged> waiting = IntStream.range(0, 2_000).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> waiting.forEach(outbox::append));
        session.update("ANALYZE outbox");

        String plan = unitOfWork.inTransaction(() -> {
            // What a table of few rows over many pages looks like to the planner: index reads dear, pages cheap.
            session.update("SET LOCAL random_page_cost = 10000");
            String unlocked = String.join("\n", session.query("EXPLAIN " + JdbcOutbox.OLDEST, List.of(10),
                    row -> row.getString(1)));
            assertThat(unlocked).as("the plan before the relay's lock").contains("Seq Scan");
            assertThat(outbox.tryLock()).isTrue();
            return String.join("\n", session.query("EXPLAIN " + JdbcOutbox.OLDEST, List.of(10),
                    row -> row.getString(1)));
        });

        assertThat(plan).as("the relay's plan").contains("Index Scan using outbox_pkey on outbox")
                .doesNotContain("Seq Scan");
    }

    @Test
    void compacting_spares_the_next_read_the_rows_published_before_it() {
        List<DesignStatusChanged> published = IntStream.range(0, 20_000).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> published.forEach(outbox::append));
        publishOldest(published.size());
        DesignStatusChanged next = approval();
        unitOfWork.inTransaction(() -> outbox.append(next));
        assertThat(waiting(10)).extracting(OutboundEvent::eventId).containsExactly(next.eventId());
        long pagesBefore = pagesReadByOldest();

        outbox.compact();

        long pagesAfter = pagesReadByOldest();
        assertThat(pagesBefore).as("the read walks past the 20,000 deleted rows' index entries").isGreaterThan(40);
        assertThat(pagesAfter).as("pages read once they are vacuumed away").isLessThanOrEqualTo(5);
        assertThat(waiting(10)).extracting(OutboundEvent::eventId).containsExactly(next.eventId());
    }

    @Test
    void compacting_vacuums_from_inside_a_transaction_too() {
        long before = vacuums();

        unitOfWork.inTransaction(() -> outbox.compact());

        assertThat(vacuums()).as("VACUUM ran, on a connection of its own").isEqualTo(before + 1);
    }

    @Test
    void compacting_gives_way_to_a_vacuum_already_running_instead_of_waiting_for_it() throws Exception {
        long before = vacuums();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch compacted = new CountDownLatch(1);
        // The lock a running vacuum holds, taken by another transaction until the compaction has returned.
        CompletableFuture<Void> vacuumOfSomeoneElse = CompletableFuture.runAsync(() -> unitOfWork.inTransaction(() -> {
            session.update("LOCK TABLE outbox IN SHARE UPDATE EXCLUSIVE MODE");
            locked.countDown();
            try {
                compacted.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        outbox.compact();
        compacted.countDown();
        vacuumOfSomeoneElse.get(30, TimeUnit.SECONDS);

        assertThat(vacuums()).as("skipped, not run after waiting").isEqualTo(before);
    }

    private long vacuums() {
        return session.count("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'outbox'", List.of());
    }

    /** Buffers (shared hits and reads) one read of the oldest events touches. */
    private long pagesReadByOldest() {
        List<String> plan = session.query("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + JdbcOutbox.OLDEST, List.of(10),
                row -> row.getString(1));
        String json = String.join("", plan);
        return field(json, "Shared Hit Blocks") + field(json, "Shared Read Blocks");
    }

    /** The first value of a numeric field in EXPLAIN's JSON: the plan's top node, which counts its children. */
    private static long field(String json, String name) {
        int at = json.indexOf('"' + name + "\": ") + name.length() + 4;
        int end = at;
        while (Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }

    @Test
    void the_oldest_of_other_keys_and_the_events_at_given_positions() {
        List<DesignStatusChanged> events = IntStream.range(0, 6).mapToObj(i -> approval()).toList();
        unitOfWork.inTransaction(() -> events.forEach(outbox::append));
        List<OutboundEvent> all = waiting(10);
        String first = all.get(0).key();

        assertThat(outbox.oldestExcept(3, List.of(first, all.get(2).key()))).extracting(OutboundEvent::eventId)
                .containsExactly(events.get(1).eventId(), events.get(3).eventId(), events.get(4).eventId());
        assertThat(outbox.at(List.of(all.get(4).position(), all.get(1).position(), -1L)))
                .extracting(OutboundEvent::eventId).containsExactly(events.get(1).eventId(), events.get(4).eventId());
    }

    @Test
    void a_publication_that_rolls_back_leaves_its_events_waiting() {
        DesignStatusChanged event = approval();
        unitOfWork.inTransaction(() -> outbox.append(event));

        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> {
            List<OutboundEvent> batch = outbox.oldest(10);
            assertThat(batch).hasSize(1);
            outbox.published(positions(batch));
            throw new IllegalStateException("the process died before the commit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(waiting(10)).extracting(OutboundEvent::eventId).containsExactly(event.eventId());
    }

    @Test
    void events_the_broker_did_not_take_wait_in_their_place() {
        DesignStatusChanged first = approval();
        DesignStatusChanged second = approval();
        DesignStatusChanged third = approval();
        unitOfWork.inTransaction(() -> List.of(first, second, third).forEach(outbox::append));

        unitOfWork.inTransaction(() -> {
            List<OutboundEvent> batch = outbox.oldest(10);
            outbox.published(List.of(batch.get(1).position()));
        });

        assertThat(waiting(10)).extracting(OutboundEvent::eventId).containsExactly(first.eventId(), third.eventId());
    }

    @Test
    void only_one_relay_holds_the_lock_at_a_time() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> unitOfWork.inTransaction(() -> {
            boolean locked = outbox.tryLock();
            held.countDown();
            await(release);
            return locked;
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        boolean secondWhileHeld = unitOfWork.inTransaction(() -> outbox.tryLock());
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondWhileHeld).isFalse();
        assertThat(unitOfWork.inTransaction(() -> outbox.tryLock())).as("released at commit").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
