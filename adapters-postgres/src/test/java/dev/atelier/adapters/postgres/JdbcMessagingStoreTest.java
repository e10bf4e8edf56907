package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;
import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.OwnerId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Inbox, dead letters, the commit signal and retention, against a real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMessagingStoreTest implements PostgresTestDatabase {

    @Inject
    JdbcInbox inbox;

    @Inject
    JdbcDeadLetters deadLetters;

    @Inject
    JdbcOutbox outbox;

    @Inject
    JdbcSession session;

    @Inject
    OutboxCommitSignal commits;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void the_inbox_lets_each_event_through_once_per_consumer_and_forgets_only_rolled_back_entries() {
        UUID event = UUID.randomUUID();
        try {
            unitOfWork.inTransaction(() -> {
                inbox.record("orders", event);
                throw new IllegalStateException("handler failed");
            });
        } catch (IllegalStateException expected) {
            // the handler's failure rolls the inbox entry back with its effects
        }
        assertThat(unitOfWork.inTransaction(() -> inbox.record("orders", event))).isTrue();
        assertThat(unitOfWork.inTransaction(() -> inbox.record("orders", event))).isFalse();
        assertThat(unitOfWork.inTransaction(() -> inbox.record("notifications", event))).isTrue();
        assertThat(unitOfWork.inTransaction(() -> inbox.purge(Instant.now().plusSeconds(60), 1)))
                .as("no more than the limit at a time").isOne();
        assertThat(unitOfWork.inTransaction(() -> inbox.purge(Instant.now().plusSeconds(60), 1_000))).isPositive();
        assertThat(unitOfWork.inTransaction(() -> inbox.record("orders", event))).as("forgotten after retention").isTrue();
    }

    private DeadLetter letter(String consumer, String key, String value) {
        return new DeadLetter(UUID.randomUUID(), 0, consumer, key, UUID.randomUUID(), "order.created", "orders", 2, 41,
                value.getBytes(StandardCharsets.UTF_8), Map.of("ce_type", "order.created"), "boom", 3, Instant.now(),
                DeadLetter.Status.PARKED);
    }

    @Test
    void the_inbox_records_a_run_in_one_go_and_names_only_the_events_it_had_not_seen() {
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        unitOfWork.inTransaction(() -> inbox.record("sagas", seen));
        try {
            unitOfWork.inTransaction(() -> {
                inbox.recordAll("sagas", List.of(fresh));
                throw new IllegalStateException("handler failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back with the run
        }

        assertThat(unitOfWork.inTransaction(() -> inbox.recordAll("sagas", List.of(seen, fresh, twice, twice))))
                .containsExactlyInAnyOrder(fresh, twice);
        assertThat(unitOfWork.inTransaction(() -> inbox.recordAll("sagas", List.of(seen, fresh, twice)))).isEmpty();
        assertThat(unitOfWork.inTransaction(() -> inbox.recordAll("orders", List.of(seen)))).containsExactly(seen);
        assertThat(inbox.recordAll("orders", List.of())).isEmpty();
    }

    @Test
    void after_commit_actions_run_once_the_transaction_committed_and_never_for_a_rolled_back_one() {
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        unitOfWork.inTransaction(() -> {
            unitOfWork.afterCommit(() -> ran.add("committed"));
            unitOfWork.inTransaction(() -> unitOfWork.afterCommit(() -> ran.add("nested")));
            assertThat(ran).as("not before the commit").isEmpty();
        });
        try {
            unitOfWork.inTransaction(() -> {
                unitOfWork.afterCommit(() -> ran.add("rolled back"));
                throw new IllegalStateException("the work failed");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        unitOfWork.afterCommit(() -> ran.add("no transaction"));

        assertThat(ran).containsExactly("committed", "nested", "no transaction");
    }

    @Test
    void an_after_commit_action_that_fails_neither_fails_the_committed_work_nor_stops_the_next_one() {
        UUID event = UUID.randomUUID();
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

        unitOfWork.inTransaction(() -> {
            inbox.record("after-commit", event);
            unitOfWork.afterCommit(() -> {
                throw new IllegalStateException("a metrics registry that broke");
            });
            unitOfWork.afterCommit(() -> ran.add("next"));
        });

        assertThat(ran).containsExactly("next");
        assertThat(unitOfWork.inTransaction(() -> inbox.record("after-commit", event))).as("committed").isFalse();
    }

    @Test
    void dead_letters_keep_their_key_order_block_their_key_and_read_the_order_id() {
        String key = "order-" + UUID.randomUUID();
        DeadLetter first = unitOfWork.inTransaction(() -> deadLetters.park(letter("sagas", key, "{\"order_id\":\"o-1\"}")));
        DeadLetter second = unitOfWork.inTransaction(() -> deadLetters.park(letter("sagas", key, "not json")));

        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(deadLetters.blocks("sagas", key)).isTrue();
        assertThat(deadLetters.blocks("notifications", key)).isFalse();
        assertThat(deadLetters.blockedAmong("sagas", List.of(key, "other-key"))).containsExactly(key);
        assertThat(deadLetters.blockedAmong("notifications", List.of(key))).isEmpty();
        assertThat(deadLetters.parkedOfKey("sagas", key)).extracting(DeadLetter::id).containsExactly(first.id(), second.id());
        DeadLetter read = deadLetters.find(first.id()).orElseThrow();
        assertThat(read.headers()).containsEntry("ce_type", "order.created");
        assertThat(read.partition()).isEqualTo(2);
        assertThat(read.offset()).isEqualTo(41);
        assertThat(new String(read.value(), StandardCharsets.UTF_8)).isEqualTo("{\"order_id\":\"o-1\"}");
        assertThat(deadLetters.list(new DeadLetterFilter("sagas", "orders", "order.created", key, DeadLetter.Status.PARKED),
                new PageRequest(1, 10)).total()).isEqualTo(2);

        assertThat(unitOfWork.inTransaction(() -> deadLetters.markReplayed(first.id()))).isTrue();
        assertThat(unitOfWork.inTransaction(() -> deadLetters.markReplayed(first.id())))
                .as("a second replay finds it resolved").isFalse();
        unitOfWork.inTransaction(() -> deadLetters.markDiscarded(second.id()));
        unitOfWork.inTransaction(() -> deadLetters.markDiscarded(first.id()));

        assertThat(deadLetters.blocks("sagas", key)).isFalse();
        assertThat(deadLetters.blockedAmong("sagas", List.of(key))).isEmpty();
        assertThat(deadLetters.find(first.id()).orElseThrow().status()).as("resolved once").isEqualTo(DeadLetter.Status.REPLAYED);
        assertThat(deadLetters.find(second.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.DISCARDED);
    }

    /** What a payload says, and an error that quotes it, may hold NUL, which PostgreSQL's text cannot. */
    @Test
    void a_dead_letter_whose_error_and_order_id_hold_nul_is_parked_with_the_replacement_character() {
        String key = "order-" + UUID.randomUUID();
        DeadLetter quoting = new DeadLetter(UUID.randomUUID(), 0, "sagas", key, null, null, "orders", 0, 7,
                "{\"order_id\":\"o\\u0000\"}".getBytes(StandardCharsets.UTF_8), Map.of(), "no such sku: A\0",
                0, Instant.now(), DeadLetter.Status.PARKED);

        DeadLetter parked = unitOfWork.inTransaction(() -> deadLetters.park(quoting));

        assertThat(deadLetters.find(parked.id()).orElseThrow().error()).isEqualTo("no such sku: A\uFFFD");
        assertThat(new String(deadLetters.find(parked.id()).orElseThrow().value(), StandardCharsets.UTF_8))
                .as("the payload is kept as it came").isEqualTo("{\"order_id\":\"o\\u0000\"}");
    }

    private static Design anyDesign() {
        return Design.create(DesignId.newId(), new DesignContent("Poster", null), new OwnerId("signal"),
                DesignStatus.DRAFT, Instant.now()).design();
    }

    @Test
    void a_commit_to_the_outbox_wakes_the_relay_after_the_commit_and_a_rollback_does_not() throws Exception {
        while (commits.await(Duration.ZERO)) {
            // drain signals of earlier tests
        }
        try {
            unitOfWork.inTransaction(() -> {
                outbox.append(anyDesign().edit(new DesignContent("x", null), Instant.now()).event());
                assertThat(await(Duration.ZERO)).as("not while the transaction is open").isFalse();
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // no commit, so no signal
        }
        assertThat(await(Duration.ZERO)).as("after a rollback").isFalse();

        var committed = anyDesign().edit(new DesignContent("y", null), Instant.now()).event();
        AtomicBoolean signalledBeforeCommit = new AtomicBoolean();
        transactions.executeWrite(status -> {
            outbox.append(committed);
            // registered after the outbox's own, so it runs once the rows are written and before the commit
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    signalledBeforeCommit.set(await(Duration.ZERO));
                }
            });
            return null;
        });
        assertThat(signalledBeforeCommit).as("a relay woken before the commit would find nothing").isFalse();
        assertThat(await(Duration.ZERO)).as("signalled once committed").isTrue();

        var outsideTransaction = anyDesign().edit(new DesignContent("z", null), Instant.now()).event();
        outbox.append(outsideTransaction);
        assertThat(await(Duration.ZERO)).as("a write outside a transaction commits at once").isTrue();
    }

    private boolean await(Duration atMost) {
        try {
            return commits.await(atMost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
