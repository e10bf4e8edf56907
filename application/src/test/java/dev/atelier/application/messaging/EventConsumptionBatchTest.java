package dev.atelier.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.contract.TransactionalFakes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventConsumptionBatchTest {

    private final TransactionalFakes store = new TransactionalFakes();
    private final EventConsumption consumption = new EventConsumption(store, store, store, store,
            new RetryPolicy(2, Duration.ZERO), Clock.systemUTC());
    private final List<String> attempts = new ArrayList<>();

    private final EventHandler handler = new EventHandler() {
        @Override
        public String name() {
            return "batch";
        }

        @Override
        public Set<String> streams() {
            return Set.of("s");
        }

        @Override
        public void handle(InboundEvent event) {
            String payload = new String(event.payload(), StandardCharsets.UTF_8);
            attempts.add(payload);
            if (payload.startsWith("bad")) {
                throw new IllegalStateException("cannot handle " + payload);
            }
            store.effect(payload);
        }
    };

    private static InboundEvent event(String key, String payload) {
        return event(key, payload, "t");
    }

    private static InboundEvent event(String key, String payload, String type) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return new InboundEvent(UUID.randomUUID(), type, key, 1, Instant.now(), bytes, MessageContext.newFlow(),
                new InboundEvent.Delivery("s", 0, 0, key, bytes, Map.of()));
    }

    @Test
    void events_of_types_the_handler_does_not_take_are_acknowledged_without_touching_anything() {
        EventHandler picky = new EventHandler() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public Set<String> streams() {
                return Set.of("s");
            }

            @Override
            public boolean accepts(String eventType) {
                return eventType.equals("wanted");
            }

            @Override
            public void handle(InboundEvent event) {
                store.effect(new String(event.payload(), StandardCharsets.UTF_8));
            }
        };
        InboundEvent unwanted = event("a", "unwanted", "other");

        List<Outcome> outcomes = consumption.deliverAll(picky, List.of(unwanted, event("a", "wanted", "wanted")));

        assertThat(outcomes).extracting(Outcome::kind).containsExactly(Outcome.Kind.IGNORED, Outcome.Kind.HANDLED);
        assertThat(store.effects()).containsExactly("wanted");
        assertThat(store.record("picky", unwanted.eventId())).as("no inbox entry was written for it").isTrue();
        assertThat(consumption.deliver(picky, event("b", "x", "other")).kind()).isEqualTo(Outcome.Kind.IGNORED);
    }

    @Test
    void a_clean_run_is_handled_in_one_go() {
        List<Outcome> outcomes = consumption.deliverAll(handler, List.of(event("a", "1"), event("b", "2"), event("a", "3")));

        assertThat(outcomes).extracting(Outcome::kind).containsOnly(Outcome.Kind.HANDLED);
        assertThat(store.effects()).containsExactly("1", "2", "3");
        assertThat(attempts).containsExactly("1", "2", "3");
    }

    @Test
    void a_run_handles_an_event_it_holds_twice_or_has_seen_before_only_once() {
        InboundEvent seen = event("a", "seen");
        consumption.deliver(handler, seen);
        InboundEvent twice = event("b", "twice");

        List<Outcome> outcomes = consumption.deliverAll(handler, List.of(seen, twice, event("a", "new"), twice));

        assertThat(outcomes).extracting(Outcome::kind).containsExactly(Outcome.Kind.DUPLICATE, Outcome.Kind.HANDLED,
                Outcome.Kind.HANDLED, Outcome.Kind.DUPLICATE);
        assertThat(store.effects()).containsExactly("seen", "twice", "new");
    }

    @Test
    void one_bad_event_rolls_the_run_back_and_then_only_it_is_retried_and_parked() {
        InboundEvent duplicate = event("c", "4");
        consumption.deliver(handler, duplicate);

        List<Outcome> outcomes = consumption.deliverAll(handler,
                List.of(event("a", "1"), event("b", "bad-2"), event("a", "3"), duplicate, event("b", "5")));

        assertThat(outcomes).extracting(Outcome::kind).containsExactly(Outcome.Kind.HANDLED, Outcome.Kind.PARKED,
                Outcome.Kind.HANDLED, Outcome.Kind.DUPLICATE, Outcome.Kind.PARKED_BEHIND);
        assertThat(store.effects()).as("rolled back together, then each once").containsExactly("4", "1", "3");
        assertThat(store.parkedOfKey("batch", "b")).hasSize(2);
    }

    @Test
    void a_handler_that_takes_a_run_at_once_gets_its_new_events_in_order_each_bound_as_the_cause() {
        List<String> calls = new ArrayList<>();
        EventHandler wholeRuns = new EventHandler() {
            @Override
            public String name() {
                return "whole-runs";
            }

            @Override
            public Set<String> streams() {
                return Set.of("s");
            }

            @Override
            public boolean accepts(String eventType) {
                return !eventType.equals("other");
            }

            @Override
            public void handle(InboundEvent event) {
                handleAll(List.of(event));
            }

            @Override
            public void handleAll(List<InboundEvent> run) {
                calls.add("run of " + run.size());
                run.forEach(event -> event.asCause(() -> calls.add(new String(event.payload(), StandardCharsets.UTF_8)
                        + (event.eventId().toString().equals(MessageContext.current().causationId()) ? " as cause" : ""))));
            }
        };
        InboundEvent seen = event("a", "seen");
        consumption.deliver(wholeRuns, seen);
        calls.clear();

        consumption.deliverAll(wholeRuns, List.of(event("a", "1"), seen, event("b", "ignored", "other"), event("b", "2")));

        assertThat(calls).containsExactly("run of 2", "1 as cause", "2 as cause");
    }

    @Test
    void a_run_the_handler_cannot_take_at_once_is_rolled_back_and_handled_one_event_at_a_time() {
        EventHandler overtakenTogether = new EventHandler() {
            @Override
            public String name() {
                return "overtaken";
            }

            @Override
            public Set<String> streams() {
                return Set.of("s");
            }

            @Override
            public void handle(InboundEvent event) {
                store.effect(new String(event.payload(), StandardCharsets.UTF_8));
            }

            @Override
            public void handleAll(List<InboundEvent> run) {
                EventHandler.super.handleAll(run);
                if (run.size() > 1) {
                    throw new IllegalStateException("another transaction changed what the run read");
                }
            }
        };

        List<Outcome> outcomes = consumption.deliverAll(overtakenTogether, List.of(event("a", "1"), event("b", "2")));

        assertThat(outcomes).extracting(Outcome::kind).containsOnly(Outcome.Kind.HANDLED);
        assertThat(store.effects()).as("the run's effects rolled back, then each once").containsExactly("1", "2");
    }
}
