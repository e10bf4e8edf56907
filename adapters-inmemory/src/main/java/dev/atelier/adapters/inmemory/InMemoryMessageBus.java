package dev.atelier.adapters.inmemory;

import dev.atelier.application.messaging.CloudEventAttributes;
import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageBus;
import dev.atelier.application.messaging.OutboundEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams kept in memory as partitioned logs, like topics: a key always lands in the same partition, so
 * its events keep their order. Each consumer has committed positions that survive a re-subscription, like
 * a consumer group's offsets. Nothing survives the process.
 */
public final class InMemoryMessageBus implements EventPublisher, MessageBus, EnvelopeReader {

    private final int partitions;
    private final Duration failurePause;
    private final Map<String, List<List<Stored>>> streams = new HashMap<>();
    private final Map<String, Map<String, Long>> committed = new ConcurrentHashMap<>();

    record Stored(String key, byte[] value, Map<String, String> headers) {
    }

    public InMemoryMessageBus(int partitions, Duration failurePause) {
        this.partitions = partitions;
        this.failurePause = failurePause;
    }

    @Override
    public List<OutboundEvent> publish(List<OutboundEvent> events, Receipts receipts) {
        for (OutboundEvent event : events) {
            int partition = partitionOf(event.key());
            long offset = append(event.stream(), event.key(), event.payload(),
                    CloudEventAttributes.of(event, "/atelier/" + event.stream()));
            receipts.published(event, event.stream(), partition, offset);
        }
        return events;
    }

    /**
     * Appends a record as it is, envelope or not: what a foreign or broken producer might send.
     *
     * @return the record's offset in its partition
     */
    public synchronized long append(String stream, String key, byte[] value, Map<String, String> headers) {
        List<List<Stored>> log = streams.computeIfAbsent(stream, s -> newLog());
        List<Stored> partition = log.get(partitionOf(key));
        partition.add(new Stored(key, value, Map.copyOf(headers)));
        notifyAll();
        return partition.size() - 1L;
    }

    @Override
    public InboundEvent read(InboundEvent.Delivery delivery) {
        return CloudEventAttributes.read(delivery.headers(), delivery, Instant.now());
    }

    @Override
    public Subscription subscribe(String consumer, Set<String> streamNames, Listener listener) {
        Map<String, Long> positions = committed.computeIfAbsent(consumer, c -> new ConcurrentHashMap<>());
        InMemorySubscription subscription = new InMemorySubscription(consumer, Set.copyOf(streamNames), positions,
                listener);
        subscription.start();
        return subscription;
    }

    private List<List<Stored>> newLog() {
        List<List<Stored>> log = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            log.add(new ArrayList<>());
        }
        return log;
    }

    private int partitionOf(String key) {
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }

    /** The next record of a consumer, or null when it has seen everything. */
    private synchronized Next next(Set<String> streamNames, Map<String, Long> positions) {
        for (String stream : streamNames) {
            List<List<Stored>> log = streams.get(stream);
            if (log == null) {
                continue;
            }
            for (int partition = 0; partition < partitions; partition++) {
                long position = positions.getOrDefault(stream + "/" + partition, 0L);
                if (position < log.get(partition).size()) {
                    return new Next(stream, partition, position, log.get(partition).get((int) position));
                }
            }
        }
        return null;
    }

    private synchronized void awaitRecords(long millis) throws InterruptedException {
        wait(millis);
    }

    private record Next(String stream, int partition, long offset, Stored record) {
    }

    private final class InMemorySubscription implements Subscription {

        private final Set<String> streamNames;
        private final Map<String, Long> positions;
        private final Listener listener;
        private final Thread thread;
        private volatile boolean running = true;

        InMemorySubscription(String consumer, Set<String> streamNames, Map<String, Long> positions, Listener listener) {
            this.streamNames = streamNames;
            this.positions = positions;
            this.listener = listener;
            this.thread = new Thread(this::run, "in-memory-consumer-" + consumer);
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (running) {
                try {
                    Next next = next(streamNames, positions);
                    if (next == null) {
                        awaitRecords(100);
                        continue;
                    }
                    if (deliver(next)) {
                        positions.put(next.stream() + "/" + next.partition(), next.offset() + 1);
                    } else {
                        Thread.sleep(failurePause.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** @return false when the listener failed: the record stays unacknowledged and comes again */
        private boolean deliver(Next next) {
            InboundEvent.Delivery delivery = new InboundEvent.Delivery(next.stream(), next.partition(), next.offset(),
                    next.record().key(), next.record().value(), next.record().headers());
            try {
                InboundEvent event;
                try {
                    event = read(delivery);
                } catch (UnreadableMessage e) {
                    listener.onUnreadable(delivery, e.getMessage());
                    return true;
                }
                listener.onEvent(event);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() {
            // No interrupt: a delivery in hand finishes (its transaction commits) before the loop sees the flag.
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
