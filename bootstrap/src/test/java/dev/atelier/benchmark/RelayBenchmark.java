package dev.atelier.benchmark;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.OutboxRelay;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.embedded.EmbeddedInfrastructure;
import dev.atelier.bootstrap.embedded.RunMode;
import dev.atelier.bootstrap.testing.Directories;
import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the outbox relay on a local PostgreSQL and Kafka (both started here, embedded) and prints:
 * <ol>
 *   <li>a raw Kafka producer's throughput on the same broker with the relay's settings, for comparison;</li>
 *   <li>relay throughput: events per second from committed outbox rows to acknowledged Kafka records;</li>
 *   <li>commit-to-consumer latency percentiles at a fixed rate, through the real relay worker (woken by
 *       the commit) and a plain Kafka consumer.</li>
 * </ol>
 * Arguments: {@code [events for throughput, default 200000] [rate per second, default 1000] [seconds, default 20]}.
 */
public final class RelayBenchmark {

    private static final String TOPIC = "bench";
    private static final String NOTE = "x".repeat(400);

    /** A synthetic event of about 500 bytes of JSON, spread over 1000 keys. */
    record BenchEvent(UUID eventId, Key aggregateId, String note, long sequence, Instant occurredAt)
            implements DomainEvent {
        @Override
        public String type() {
            return "bench.happened";
        }

        @Override
        public String stream() {
            return TOPIC;
        }
    }


    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dataDir = Files.createTempDirectory("atelier-bench");
        System.out.printf("Atelier relay benchmark: %d cores, Java %s, data in %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), dataDir);
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(new RunMode(true, true, dataDir, 0, 0))) {
            String brokers = (String) infra.properties().get("kafka.bootstrap.servers");
            rawProducer(brokers, events);
            relayThroughput(infra, events);
            latencyAtRate(infra, brokers, rate, seconds);
            System.out.println("memory: " + BenchmarkSupport.memory());
        } finally {
            Directories.deleteRecursively(dataDir);
        }
        System.exit(0);
    }

    private static Atelier service(EmbeddedInfrastructure infra, boolean relayEnabled) {
        Map<String, Object> overrides = new HashMap<>(infra.properties());
        overrides.put("micronaut.server.port", -1);
        overrides.put("atelier.messaging.relay.enabled", String.valueOf(relayEnabled));
        overrides.put("atelier.messaging.topics.bench.name", TOPIC);
        overrides.put("atelier.messaging.topics.bench.partitions", "6");
        Map<String, String> env = Map.of("KAFKA_BROKERS", (String) infra.properties().get("kafka.bootstrap.servers"),
                "DATABASE_URL", (String) infra.properties().get("datasources.default.url"));
        return Atelier.start(env, overrides);
    }

    private static void rawProducer(String brokers, int count) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", brokers);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("compression.type", "lz4");
        config.put("linger.ms", "5");
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(Map.of("bootstrap.servers", brokers));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                     new ByteArraySerializer())) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench-raw", 6, (short) 1))).all().get();
            byte[] value = new byte[512];
            for (int warm = 0; warm < 10_000; warm++) {
                producer.send(new ProducerRecord<>("bench-raw", "k" + (warm % 1000), value));
            }
            producer.flush();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("bench-raw", "k" + (i % 1000), value));
            }
            producer.flush();
            System.out.println("raw Kafka producer (acks=all, idempotent, lz4, 512 B): "
                    + BenchmarkSupport.rate(count, System.nanoTime() - start));
        }
    }

    private static void relayThroughput(EmbeddedInfrastructure infra, int count) throws Exception {
        try (Atelier service = service(infra, false)) {
            var context = service.context();
            UnitOfWork unitOfWork = context.getBean(UnitOfWork.class);
            EventOutbox outbox = context.getBean(EventOutbox.class);
            PendingEvents pending = context.getBean(PendingEvents.class);
            // Each run starts from a full outbox and a vacuumed table, and relays all of it: what the runs compare
            // is how reading the queue fares as the relay deletes what it published.
            for (int[] run : new int[][] {{500, 0}, {500, 10_000}, {2000, 10_000}}) {
                int batchSize = run[0];
                int compactEvery = run[1];
                long fillStart = System.nanoTime();
                for (int written = 0; written < count; written += 1000) {
                    int from = written;
                    unitOfWork.inTransaction(() -> {
                        for (int i = from; i < Math.min(count, from + 1000); i++) {
                            outbox.append(new BenchEvent(UUID.randomUUID(), new Key("key-" + (i % 1000)), NOTE, i,
                                    Instant.now()));
                        }
                    });
                }
                System.out.println("outbox filled (1000 events per transaction): "
                        + BenchmarkSupport.rate(count, System.nanoTime() - fillStart));
                pending.compact();
                OutboxRelay relay = new OutboxRelay(unitOfWork, pending, context.getBean(EventPublisher.class),
                        new OutboxRelay.Settings(batchSize, compactEvery, Duration.ofSeconds(2)), Clock.systemUTC(),
                        EventPublisher.Receipts.NONE);
                long start = System.nanoTime();
                long relayed = 0;
                while (relayed < count) {
                    int published = relay.relayOnce().published();
                    if (published == 0) {
                        break;
                    }
                    relayed += published;
                }
                System.out.println("relay, committed outbox rows -> acknowledged by Kafka, batch " + batchSize
                        + (compactEvery == 0 ? ", outbox left to autovacuum: " : ", outbox vacuumed every "
                        + compactEvery + " events: ") + BenchmarkSupport.rate(relayed, System.nanoTime() - start));
            }
        }
    }

    private static void latencyAtRate(EmbeddedInfrastructure infra, String brokers, int rate, int seconds)
            throws Exception {
        ConcurrentHashMap<UUID, Stamp> timings = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean measuring = new AtomicBoolean(true);
        try (Atelier service = service(infra, true)) {
            var context = service.context();
            UnitOfWork unitOfWork = context.getBean(UnitOfWork.class);
            EventOutbox outbox = context.getBean(EventOutbox.class);
            Thread consumer = new Thread(() -> consume(brokers, timings, latencies, measuring), "bench-consumer");
            consumer.start();
            Thread.sleep(3000);
            ScheduledExecutorService writers = Executors.newScheduledThreadPool(4);
            long periodMicros = 1_000_000L / rate;
            long[] sequence = {0};
            writers.scheduleAtFixedRate(() -> {
                UUID id = UUID.randomUUID();
                long n;
                synchronized (sequence) {
                    n = sequence[0]++;
                }
                unitOfWork.inTransaction(() -> outbox.append(new BenchEvent(id, new Key("key-" + (n % 1000)), NOTE, n,
                        Instant.now())));
                meet(timings, id, Side.COMMITTED, System.nanoTime(), latencies);
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            writers.shutdown();
            writers.awaitTermination(10, TimeUnit.SECONDS);
            Thread.sleep(2000);
            measuring.set(false);
            consumer.join(10_000);
            long[] samples;
            synchronized (latencies) {
                // the first two seconds warm up the JIT, the pools and the consumer's fetch sessions
                int skip = Math.min(latencies.size(), rate * 2);
                samples = latencies.subList(skip, latencies.size()).stream().mapToLong(Long::longValue).toArray();
            }
            System.out.printf("commit-to-consumer latency at %d events/s for %d s (one event per transaction): %s%n",
                    rate, seconds, BenchmarkSupport.percentiles(samples));
            System.out.println("events written " + sequence[0] + ", received " + latencies.size());
        }
    }

    private enum Side { COMMITTED, RECEIVED }

    private record Stamp(Side side, long nanos) {
    }

    /**
     * The writer stamps an event when its commit returned, the consumer when it arrived; whichever comes
     * second records the latency (the consumer can see an event before the writer gets to stamp it: then the
     * commit-to-consumer time is, to this clock, zero).
     */
    private static void meet(ConcurrentHashMap<UUID, Stamp> timings, UUID id, Side side, long nanos, List<Long> latencies) {
        timings.compute(id, (key, other) -> {
            if (other == null) {
                return new Stamp(side, nanos);
            }
            long committed = side == Side.COMMITTED ? nanos : other.nanos();
            long received = side == Side.RECEIVED ? nanos : other.nanos();
            latencies.add(Math.max(0, received - committed));
            return null;
        });
    }

    private static void consume(String brokers, ConcurrentHashMap<UUID, Stamp> timings, List<Long> latencies,
                                AtomicBoolean measuring) {
        Properties config = new Properties();
        config.put("bootstrap.servers", brokers);
        config.put("enable.auto.commit", "false");
        config.put("fetch.max.wait.ms", "10");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (measuring.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long received = System.nanoTime();
                    var id = record.headers().lastHeader("ce_id");
                    if (id == null) {
                        continue;
                    }
                    meet(timings, UUID.fromString(new String(id.value())), Side.RECEIVED, received, latencies);
                }
            }
        }
    }
}
