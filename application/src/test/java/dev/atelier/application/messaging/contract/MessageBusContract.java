package dev.atelier.application.messaging.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.Consumers;
import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.EventConsumption;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageBus;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.MessageParked;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.Outcome;
import dev.atelier.application.messaging.RetryPolicy;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.shared.IllegalTransitionException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every broker adapter must do, stated once. An adapter's test extends this class and supplies its
 * publisher and bus; the suite drives them through the application's consumption path (inbox, retries,
 * dead letters, replay) and checks the outcome. A new adapter (RabbitMQ, NATS, ...) is done when it passes.
 */
public abstract class MessageBusContract {

    /** The stream the suite publishes to; an adapter maps it to a topic (or queue) of its own. */
    public static final String STREAM = "contract";

    protected abstract EventPublisher publisher();

    protected abstract MessageBus bus();

    protected abstract EnvelopeReader envelopes();

    /** Puts a record on {@link #STREAM} the way a foreign producer without an envelope would. */
    protected abstract void publishWithoutEnvelope(String key, byte[] value);

    private final TransactionalFakes store = new TransactionalFakes();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private volatile Consumer<InboundEvent> behaviour = event -> { };
    private EventConsumption consumption;
    private Consumers consumers;
    private EventHandler handler;

    @BeforeEach
    void startConsuming() {
        consumption = new EventConsumption(store, store, store, store, new RetryPolicy(3, Duration.ofMillis(20)),
                Clock.systemUTC());
        handler = new EventHandler() {
            @Override
            public String name() {
                return "contract-" + run;
            }

            @Override
            public Set<String> streams() {
                return Set.of(STREAM);
            }

            @Override
            public void handle(InboundEvent event) {
                attemptsByKey.computeIfAbsent(event.key(), k -> new AtomicInteger()).incrementAndGet();
                behaviour.accept(event);
                store.effect(event.key() + ":" + new String(event.payload(), StandardCharsets.UTF_8));
            }
        };
        consumers = new Consumers(bus(), consumption, List.of(handler),
                (consumer, delivery, type, outcome) -> outcomes.add(outcome));
        consumers.start();
    }

    @AfterEach
    void stopConsuming() {
        consumers.close();
    }

    private String key(String name) {
        return run + "-" + name;
    }

    private static OutboundEvent event(String key, String payload) {
        return new OutboundEvent(0, UUID.randomUUID(), STREAM, "contract.happened", key, 1, Instant.now(),
                payload.getBytes(StandardCharsets.UTF_8), MessageContext.newFlow());
    }

    private List<String> effectsOf(String key) {
        return store.effects().stream().filter(e -> e.startsWith(key + ":"))
                .map(e -> e.substring(key.length() + 1)).toList();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private DeadLetter parkedLetter(String key, int index) {
        return store.parkedOfKey(handler.name(), key).get(index);
    }

    @Test
    void every_event_is_handled_once_and_each_keys_events_in_order() {
        List<OutboundEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (String name : List.of("a", "b", "c")) {
                events.add(event(key(name), Integer.toString(i)));
            }
        }
        assertThat(publisher().publish(events)).hasSize(60);

        List<String> expected = java.util.stream.IntStream.range(0, 20).mapToObj(Integer::toString).toList();
        for (String name : List.of("a", "b", "c")) {
            eventually("20 events of " + name, () -> effectsOf(key(name)).size() >= 20);
            assertThat(effectsOf(key(name))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void a_redelivered_event_changes_nothing_the_second_time() {
        OutboundEvent once = event(key("dup"), "only-once");
        publisher().publish(List.of(once));
        publisher().publish(List.of(once));
        publisher().publish(List.of(event(key("dup"), "after")));

        eventually("the event after the duplicate", () -> effectsOf(key("dup")).contains("after"));
        assertThat(effectsOf(key("dup"))).containsExactly("only-once", "after");
        // Outcomes are reported once the transaction has committed, so just after the effects become visible.
        eventually("the duplicate reported", () -> outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.DUPLICATE));
    }

    @Test
    void a_transient_failure_is_retried_and_then_succeeds() {
        String flaky = key("flaky");
        behaviour = event -> {
            if (event.key().equals(flaky) && attemptsByKey.get(flaky).get() < 3) {
                throw new IllegalStateException("the database blinked");
            }
        };
        publisher().publish(List.of(event(flaky, "eventually")));

        eventually("handled on the third attempt", () -> effectsOf(flaky).contains("eventually"));
        assertThat(effectsOf(flaky)).containsExactly("eventually");
        assertThat(attemptsByKey.get(flaky)).hasValue(3);
        assertThat(store.parkedOfKey(handler.name(), flaky)).isEmpty();
        eventually("the outcome reported", () -> outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.HANDLED));
        // A broker may redeliver during a rebalance, so look at every handled outcome rather than a single one.
        assertThat(outcomes).filteredOn(o -> o.kind() == Outcome.Kind.HANDLED)
                .allSatisfy(o -> assertThat(o.retriedErrors()).hasSize(o.attempts() - 1)
                        .allMatch("IllegalStateException: the database blinked"::equals))
                .anySatisfy(o -> assertThat(o.attempts()).isGreaterThan(1));
    }

    @Test
    void publishing_reports_where_each_event_landed() {
        String key = key("receipt");
        List<String> receipts = Collections.synchronizedList(new ArrayList<>());
        EventPublisher.Receipts collect = new EventPublisher.Receipts() {
            @Override
            public void published(OutboundEvent event, String destination, int partition, long offset) {
                receipts.add(event.key() + "@" + destination + "/" + partition + "/" + offset);
            }

            @Override
            public void failed(OutboundEvent event, String destination, String error) {
                receipts.add("failed " + error);
            }
        };

        publisher().publish(List.of(event(key, "one"), event(key, "two")), collect);

        assertThat(receipts).hasSize(2).allMatch(receipt -> receipt.startsWith(key + "@") && receipt.contains(STREAM));
        long first = Long.parseLong(receipts.get(0).substring(receipts.get(0).lastIndexOf('/') + 1));
        assertThat(receipts.get(1)).as("same key, same partition, next offset")
                .isEqualTo(receipts.get(0).substring(0, receipts.get(0).lastIndexOf('/') + 1) + (first + 1));
    }

    @Test
    void a_failing_event_is_parked_after_its_retries_later_events_of_its_key_wait_and_others_go_on_then_replay() {
        String broken = key("broken");
        String healthy = key("healthy");
        behaviour = event -> {
            if (event.key().equals(broken)) {
                throw new IllegalStateException("cannot handle " + broken);
            }
        };
        publisher().publish(List.of(event(broken, "first"), event(broken, "second"), event(healthy, "fine")));

        eventually("both events of the broken key parked", () -> store.parkedOfKey(handler.name(), broken).size() == 2);
        eventually("the healthy key handled", () -> effectsOf(healthy).contains("fine"));
        DeadLetter first = parkedLetter(broken, 0);
        DeadLetter second = parkedLetter(broken, 1);
        assertThat(first.attempts()).isEqualTo(3);
        assertThat(first.error()).contains("cannot handle");
        assertThat(first.eventType()).isEqualTo("contract.happened");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(first.source()).isNotBlank();
        assertThat(second.attempts()).as("parked behind, never tried").isZero();
        assertThat(effectsOf(broken)).isEmpty();
        assertThat(store.outbox()).filteredOn(e -> e instanceof MessageParked)
                .extracting(e -> ((MessageParked) e).stream()).contains(MessageParked.streamOf(handler.name()));

        behaviour = event -> { };
        DeadLetterOperations operations = new DeadLetterOperations(store, store, consumption, envelopes(),
                List.of(handler));
        DeadLetterOperations.ReplayReport report = operations.replay(first.id());

        assertThat(report.failed()).isEmpty();
        assertThat(report.replayed()).containsExactly(first.id(), second.id());
        assertThat(effectsOf(broken)).containsExactly("first", "second");
        assertThat(store.parkedOfKey(handler.name(), broken)).isEmpty();
        assertThatThrownBy(() -> operations.replay(first.id())).isInstanceOf(IllegalTransitionException.class);

        publisher().publish(List.of(event(broken, "third")));
        eventually("the key flows again", () -> effectsOf(broken).contains("third"));
    }

    @Test
    void a_message_without_an_envelope_is_parked_unread_and_the_consumer_moves_on() {
        String poison = key("poison");
        publishWithoutEnvelope(poison, "{not an event".getBytes(StandardCharsets.UTF_8));
        publisher().publish(List.of(event(key("after-poison"), "fine")));

        eventually("the next event handled", () -> effectsOf(key("after-poison")).contains("fine"));
        eventually("the poison parked", () -> !store.parkedOfKey(handler.name(), poison).isEmpty());
        DeadLetter letter = parkedLetter(poison, 0);
        assertThat(letter.readable()).isFalse();
        assertThat(letter.error()).startsWith("unreadable message");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not an event");
        assertThat(store.list(new DeadLetterFilter(handler.name(), null, null, poison, DeadLetter.Status.PARKED),
                new PageRequest(1, 10)).total()).isEqualTo(1);
    }

    @Test
    void a_new_subscription_of_the_same_consumer_resumes_without_handling_anything_twice() {
        String resumed = key("resumed");
        publisher().publish(List.of(event(resumed, "before")));
        eventually("first event handled", () -> effectsOf(resumed).contains("before"));

        consumers.close();
        publisher().publish(List.of(event(resumed, "while-away")));
        consumers = new Consumers(bus(), consumption, List.of(handler),
                (consumer, delivery, type, outcome) -> outcomes.add(outcome));
        consumers.start();

        eventually("event published while away handled", () -> effectsOf(resumed).contains("while-away"));
        assertThat(effectsOf(resumed)).containsExactly("before", "while-away");
    }
}
