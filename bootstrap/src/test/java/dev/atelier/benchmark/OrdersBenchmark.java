package dev.atelier.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.adapters.clickhouse.ClickHouseTestServer;
import dev.atelier.adapters.postgres.JdbcEventLogStore;
import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.embedded.EmbeddedInfrastructure;
import dev.atelier.bootstrap.embedded.RunMode;
import dev.atelier.bootstrap.testing.Directories;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.Shop;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Places orders over HTTP against the whole service (embedded PostgreSQL and Kafka, sandbox participants at
 * zero latency) and prints: accepted orders/s and HTTP latency at a given concurrency, completed sagas/s
 * and order-to-final-state latency, HTTP latency at a fixed rate, process memory, and for comparison the
 * local PostgreSQL's rate for a simple two-insert transaction.
 * Arguments: {@code [concurrency, default 32] [seconds, default 20] [fixed rate per second, default 500]
 * [event-log store: postgresql (default, the embedded mode's) or clickhouse (a local server, as in production)]},
 * {@code -Dbench.warm-up=60}: seconds of unmeasured load before the intake and the saga phases, and
 * {@code -Dbench.phases=intake} to stop after the intake phase (a quick before-and-after of a change to the request
 * path).
 */
public final class OrdersBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long the work left behind may take before the figures are printed regardless. */
    private static final Duration QUIET_WITHIN = Duration.ofSeconds(300);
    /** Longer than the event log's default flush interval (1 s), so that its last batch is in. */
    private static final Duration EVENT_LOG_FLUSH = Duration.ofSeconds(2);
    /** What a fixed-rate phase counts as a slow request when it names the seconds its tail comes from. */
    private static final Duration SLOW = Duration.ofMillis(25);

    /** Always with its seconds: {@link java.time.LocalTime#toString} leaves them out when they are zero. */
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        boolean clickHouse = args.length > 3 && args[3].equals("clickhouse");
        String phases = System.getProperty("bench.phases", "all");
        if (!phases.equals("all") && !phases.equals("intake")) {
            throw new IllegalArgumentException("bench.phases is all or intake, not " + phases);
        }
        Path dataDir = Files.createTempDirectory("atelier-orders-bench");
        System.out.printf("Atelier orders benchmark: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        String writeback = BenchmarkSupport.kernelWriteback();
        if (!writeback.isEmpty()) {
            System.out.println("kernel writeback: " + writeback);
        }
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(new RunMode(true, true, dataDir, 0, 0))) {
            postgresTwoInserts(infra);
            intakeOnly(infra, dataDir.resolve("postgres"), concurrency, seconds, rate);
            if (phases.equals("all")) {
                sagas(infra, dataDir, concurrency, seconds, rate, clickHouse);
            }
        } finally {
            Directories.deleteRecursively(dataDir);
        }
        System.exit(0);
    }

    /**
     * The whole flow: orders placed at the concurrency until their sagas are final and their notifications sent, what
     * each order cost, and the HTTP latency at the fixed rate while the sagas run.
     */
    private static void sagas(EmbeddedInfrastructure infra, Path dataDir, int concurrency, int seconds, int rate,
                              boolean clickHouse) throws Exception {
        Map<String, Object> overrides = new HashMap<>(infra.properties());
        overrides.put("micronaut.server.port", -1);
        overrides.put("atelier.sandbox.enabled", "true");
        overrides.put("atelier.sagas.step-timeout", "60s");
        EventLogStore eventLog = new JdbcEventLogStore(dataSource(infra), "postgresql");
        if (clickHouse) {
            // The production layout: the event log in ClickHouse, on the same cores as everything else.
            ClickHouseTestServer server = ClickHouseTestServer.shared();
            String database = ClickHouseTestServer.uniqueDatabase("bench");
            eventLog = server.preparedStore(database);
            overrides.put("atelier.event-log.clickhouse.url", server.url().toString());
            overrides.put("atelier.event-log.clickhouse.database", database);
            overrides.put("atelier.event-log.clickhouse.username", ClickHouseTestServer.USER);
            overrides.put("atelier.event-log.clickhouse.password", ClickHouseTestServer.PASSWORD);
        }
        System.out.println("event log: " + eventLog.describe());
        try (Atelier service = Atelier.start(Map.of(
                "KAFKA_BROKERS", (String) infra.properties().get("kafka.bootstrap.servers"),
                "DATABASE_URL", (String) infra.properties().get("datasources.default.url")), overrides)) {
            URI base = URI.create(service.server().getURL().toString().replace("0.0.0.0", "127.0.0.1"));
            String design = new Shop(new Http(base)).approvedDesign();
            Completions completions = new Completions((String) infra.properties().get("kafka.bootstrap.servers"));
            completions.start();
            warmUp(base, design, concurrency, completions);
            awaitQuiet(dataSource(infra), "warm-up");
            OrderFootprint footprint = OrderFootprint.start(dataSource(infra), dataDir.resolve("postgres"), eventLog);
            saturate(base, design, concurrency, seconds, completions);
            awaitQuiet(dataSource(infra), "measured orders");
            footprint.print(completions.finished());
            fixedRate(base, design, rate, seconds, "sagas running");
            System.out.println("memory (service, broker and benchmark share this JVM): " + BenchmarkSupport.memory());
            completions.stop();
        }
    }

    /**
     * Order intake alone: consumers and relay paused, so only the HTTP request, the checks and the order's
     * transaction (order row plus outbox row) are measured, at full speed and at the fixed rate. Set beside the
     * fixed rate with the sagas running, it tells what the request path costs from what sharing the cores with
     * the sagas costs it. Orders stay in the outbox.
     */
    private static void intakeOnly(EmbeddedInfrastructure infra, Path postgresData, int concurrency, int seconds,
                                   int rate) throws Exception {
        Map<String, Object> overrides = new HashMap<>(infra.properties());
        overrides.put("micronaut.server.port", -1);
        overrides.put("atelier.messaging.consumers.enabled", "false");
        overrides.put("atelier.messaging.relay.enabled", "false");
        overrides.put("atelier.notifications.dispatcher.enabled", "false");
        try (Atelier service = Atelier.start(Map.of(
                "KAFKA_BROKERS", (String) infra.properties().get("kafka.bootstrap.servers"),
                "DATABASE_URL", (String) infra.properties().get("datasources.default.url")), overrides)) {
            URI base = URI.create(service.server().getURL().toString().replace("0.0.0.0", "127.0.0.1"));
            String design = UUID.randomUUID().toString();
            try (Connection db = dataSource(infra).getConnection()) {
                db.createStatement().execute("INSERT INTO order_design_projection VALUES ('" + design + "', true, 1)");
            }
            ClosedLoop run;
            long jvmCpu;
            long databaseCpu;
            try (LeanHttpClient client = new LeanHttpClient(base)) {
                closedLoop(client, design, concurrency, warmUpSeconds(), (id, sent) -> { });
                long jvmCpuBefore = BenchmarkSupport.processCpuNanos();
                ProcessTreeCpu postgresCpu = ProcessTreeCpu.from(postgresData.toString(), "postgres");
                run = closedLoop(client, design, concurrency, seconds, (id, sent) -> { });
                jvmCpu = BenchmarkSupport.processCpuNanos() - jvmCpuBefore;
                databaseCpu = postgresCpu.found() ? postgresCpu.spentNanos() : -1;
            }
            System.out.printf("order intake alone (consumers and relay paused) at concurrency %d: %s%n", concurrency,
                    BenchmarkSupport.rate(run.accepted(), run.elapsedNanos()));
            System.out.printf(Locale.ROOT, "  CPU per accepted order: %.2f ms in this JVM (service, load generator, JIT"
                    + " compilers, idle broker), %s in PostgreSQL%n", jvmCpu / 1e6 / run.accepted(), databaseCpu < 0
                    ? "not known" : String.format(Locale.ROOT, "%.2f ms", databaseCpu / 1e6 / run.accepted()));
            System.out.println("  HTTP latency: " + BenchmarkSupport.percentiles(run.latencies()));
            fixedRate(base, design, rate, seconds, "order intake alone");
        }
        // These orders were only there to measure intake: keep their events from flooding the next phase.
        try (Connection db = dataSource(infra).getConnection()) {
            db.createStatement().execute("DELETE FROM outbox");
        }
    }

    private static String body(String design) {
        return "{\"customer_id\":\"bench-" + UUID.randomUUID() + "\",\"currency\":\"EUR\",\"items\":[{\"design_id\":\""
                + design + "\",\"sku\":\"MUG-1\",\"quantity\":2,\"unit_price\":\"12.50\"}]}";
    }

    /** Sends one order; returns its id, or null when it was not accepted. */
    private static String place(LeanHttpClient client, String design) {
        try {
            LeanHttpClient.Response response = client.postJson("/api/orders", body(design));
            return response.status() == 201 ? JSON.readTree(response.body()).get("id").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Runs the whole flow for the warm-up time and waits until those orders are final, so that what is measured
     * afterwards is the steady state. This JVM holds the service, the broker and the load generator, and its JIT
     * compilers go on compiling for minutes: after 15 s of warm-up they still took a fifth of its CPU, after
     * 60 s (the default) under a tenth.
     */
    private static void warmUp(URI base, String design, int concurrency, Completions completions) throws Exception {
        ClosedLoop run;
        try (LeanHttpClient client = new LeanHttpClient(base)) {
            run = closedLoop(client, design, concurrency, warmUpSeconds(), completions::expect);
        }
        completions.awaitAll(Duration.ofSeconds(300));
        completions.reset();
        System.out.printf("warm-up: %,d orders placed over %d s and taken to their final state (not measured)%n",
                run.accepted(), warmUpSeconds());
    }

    /**
     * Waits until the work orders leave behind them once final is done: their notifications sent, and every event
     * published. A saga is final before its last notifications go out, and the dispatcher may lag behind a burst;
     * measuring the cost per order from one quiet moment to the next counts all of the measured orders' work and
     * none of the warm-up's. The event log writes what the last of them caused within its flush interval.
     */
    private static void awaitQuiet(DataSource database, String phase) throws Exception {
        long started = System.nanoTime();
        long deadline = started + QUIET_WITHIN.toNanos();
        long waiting;
        while ((waiting = waiting(database)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(EVENT_LOG_FLUSH.toMillis());
        System.out.printf("  %s: notifications sent and events published %.1f s after the last saga finished%s%n",
                phase, (System.nanoTime() - started) / 1e9 - EVENT_LOG_FLUSH.toSeconds(),
                waiting == 0 ? "" : " (not all: " + waiting + " still waiting after " + QUIET_WITHIN.toSeconds() + " s)");
    }

    private static long waiting(DataSource database) throws Exception {
        try (Connection db = database.getConnection(); PreparedStatement query = db.prepareStatement(
                "SELECT (SELECT count(*) FROM notification_queue) + (SELECT count(*) FROM outbox)");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void saturate(URI base, String design, int concurrency, int seconds, Completions completions)
            throws Exception {
        long start = System.nanoTime();
        ClosedLoop run;
        try (LeanHttpClient client = new LeanHttpClient(base)) {
            run = closedLoop(client, design, concurrency, seconds, completions::expect);
        }
        System.out.printf("orders accepted at concurrency %d: %s, not accepted: %d%n", concurrency,
                BenchmarkSupport.rate(run.accepted(), run.elapsedNanos()), run.refused());
        System.out.println("  HTTP latency: " + BenchmarkSupport.percentiles(run.latencies()));
        completions.awaitAll(Duration.ofSeconds(300));
        System.out.println("sagas finished: " + BenchmarkSupport.rate(completions.finished(),
                completions.lastFinishedAt() - start) + " (first order sent to last final state)");
        System.out.println("  order-to-final-state latency: " + BenchmarkSupport.percentiles(completions.latencies()));
    }

    private static int warmUpSeconds() {
        return Integer.getInteger("bench.warm-up", 60);
    }

    private record ClosedLoop(long accepted, long refused, long elapsedNanos, long[] latencies) {
    }

    /**
     * {@code concurrency} clients each place an order as soon as their previous one is answered, for
     * {@code seconds}; {@code onAccepted} gets each accepted order's id and when it was sent.
     */
    private static ClosedLoop closedLoop(LeanHttpClient client, String design, int concurrency, int seconds,
            ObjLongConsumer<String> onAccepted) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    String id = place(client, design);
                    long took = System.nanoTime() - sent;
                    if (id == null) {
                        refused.incrementAndGet();
                        continue;
                    }
                    onAccepted.accept(id, sent);
                    latencies.add(took);
                    accepted.incrementAndGet();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        return new ClosedLoop(accepted.get(), refused.get(), System.nanoTime() - start,
                latencies.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Sends orders at a fixed rate, each from a pool thread, whatever the answers take; a latency is counted from
     * when its order was due, so time spent waiting for a free sender counts too (no coordinated omission).
     *
     * <p>One thread both fixes the schedule and keeps it: it reads the phase's start, then sleeps until each
     * order's due time and hands it to a sender. A late wake-up is the system's delay, counted in that order's
     * latency, and the orders due meanwhile go out at once. A scheduled executor would keep a schedule of its own,
     * which starts when it is asked to, not when the start was read, and whatever ran between the two would shift
     * every latency of the phase: measured that way, the phase's p50 was about 1 ms higher in every run (most
     * likely the linking of the tick's lambda on the phase's first call), and twice a whole phase looked 4-32 ms
     * slow, with its p95 within half a millisecond of its p50.
     */
    private static void fixedRate(URI base, String design, int rate, int seconds, String what) throws Exception {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        ExecutorService clock = Executors.newSingleThreadExecutor(task -> new Thread(task, "fixed-rate-clock"));
        LeanHttpClient client = new LeanHttpClient(base);
        long period = 1_000_000_000L / rate;
        long orders = (long) rate * seconds;
        Future<Instant> schedule = clock.submit(() -> {
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            for (long order = 0; order < orders; order++) {
                long due = start + order * period;
                // parkNanos may return early (or for no reason at all): an order never goes out before it is due.
                for (long early = due - System.nanoTime(); early > 0; early = due - System.nanoTime()) {
                    LockSupport.parkNanos(early);
                }
                senders.submit(() -> {
                    if (place(client, design) == null) {
                        refused.incrementAndGet();
                    } else {
                        samples.add(new Sample(due - start, System.nanoTime() - due));
                    }
                });
            }
            return startedAt;
        });
        Instant startedAt;
        try {
            startedAt = schedule.get(); // what stopped the clock, if anything did
        } finally {
            // Also when the clock failed: the pools' threads would otherwise keep the JVM from exiting.
            clock.shutdown();
            senders.shutdown();
            if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
            client.close();
        }
        long[] latencies = samples.stream().mapToLong(Sample::latencyNanos).toArray();
        long unanswered = orders - latencies.length - refused.get();
        System.out.printf("HTTP latency at a fixed %d orders/s for %d s (%s): %s, not accepted: %d%s%n", rate, seconds,
                what, BenchmarkSupport.percentiles(latencies), refused.get(),
                unanswered > 0 ? String.format(Locale.ROOT, ", no answer 30 s after the last was sent: %d (not in the"
                        + " percentiles)", unanswered) : "");
        printSlowestSeconds(samples, startedAt);
    }

    /** An accepted order of a fixed-rate phase: when it was due, counted from the phase's start, and its latency. */
    private record Sample(long dueNanos, long latencyNanos) {
    }

    /**
     * Where the tail comes from: at a fixed rate a p99 is the slowest hundredth of the requests, and one stall of
     * the whole machine for a fifth of a second delays that many. So the three seconds with the most slow requests
     * are named, with the wall-clock time they began at, to be set beside the garbage collector's and PostgreSQL's
     * logs.
     */
    private static void printSlowestSeconds(List<Sample> samples, Instant startedAt) {
        Map<Long, List<Long>> slowBySecond = samples.stream().filter(sample -> sample.latencyNanos() > SLOW.toNanos())
                .collect(Collectors.groupingBy(sample -> sample.dueNanos() / 1_000_000_000L,
                        Collectors.mapping(Sample::latencyNanos, Collectors.toList())));
        String slowest = slowBySecond.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Long, List<Long>> second) -> second.getValue().size())
                        .reversed())
                .limit(3)
                .map(second -> String.format(Locale.ROOT, "%s: %d over %d ms, the slowest %.1f ms",
                        CLOCK_TIME.format(startedAt.plusSeconds(second.getKey())), second.getValue().size(),
                        SLOW.toMillis(),
                        Collections.max(second.getValue()) / 1e6))
                .collect(Collectors.joining("; "));
        System.out.printf("  the seconds with the most requests over %d ms: %s%n", SLOW.toMillis(),
                slowest.isEmpty() ? "none" : slowest);
    }

    private static DataSource dataSource(EmbeddedInfrastructure infra) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl((String) infra.properties().get("datasources.default.url"));
        dataSource.setUser((String) infra.properties().get("datasources.default.username"));
        dataSource.setPassword((String) infra.properties().get("datasources.default.password"));
        return dataSource;
    }

    private static void postgresTwoInserts(EmbeddedInfrastructure infra) throws Exception {
        DataSource database = dataSource(infra);
        try (Connection setup = database.getConnection()) {
            setup.createStatement().execute("CREATE SCHEMA IF NOT EXISTS bench");
            setup.createStatement().execute("CREATE TABLE IF NOT EXISTS bench.a (id UUID PRIMARY KEY, body TEXT)");
            setup.createStatement().execute("CREATE TABLE IF NOT EXISTS bench.b (id UUID PRIMARY KEY, body TEXT)");
        }
        int threads = 16;
        int perThread = 1500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Connection connection = database.getConnection()) {
                    connection.setAutoCommit(false);
                    try (PreparedStatement a = connection.prepareStatement("INSERT INTO bench.a VALUES (?, ?)");
                         PreparedStatement b = connection.prepareStatement("INSERT INTO bench.b VALUES (?, ?)")) {
                        for (int i = 0; i < perThread; i++) {
                            a.setObject(1, UUID.randomUUID());
                            a.setString(2, "x".repeat(300));
                            a.executeUpdate();
                            b.setObject(1, UUID.randomUUID());
                            b.setString(2, "x".repeat(300));
                            b.executeUpdate();
                            connection.commit();
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        System.out.println("PostgreSQL, two-insert transactions from " + threads + " connections: "
                + BenchmarkSupport.rate((long) threads * perThread, System.nanoTime() - start));
    }

    /** Watches the orders topic for final events and times each order from its request to its final event. */
    private static final class Completions {

        private final String brokers;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final Map<String, Long> finishedEarly = new ConcurrentHashMap<>();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong lastFinishedAt = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        Completions(String brokers) {
            this.brokers = brokers;
        }

        void start() throws InterruptedException {
            thread = new Thread(this::run, "bench-completions");
            thread.start();
            Thread.sleep(2000);
        }

        /** Forgets what was timed so far, and any order still outstanding. */
        void reset() {
            sentAt.clear();
            latencies.clear();
            finishedEarly.clear();
            lastFinishedAt.set(0);
        }

        void expect(String orderId, long sentNanos) {
            Long finished = finishedEarly.remove(orderId);
            if (finished != null) {
                record(sentNanos, finished);
            } else {
                sentAt.put(orderId, sentNanos);
            }
        }

        private void record(long sent, long finished) {
            latencies.add(finished - sent);
            lastFinishedAt.accumulateAndGet(finished, Math::max);
        }

        long finished() {
            return latencies.size();
        }

        long lastFinishedAt() {
            return lastFinishedAt.get();
        }

        long[] latencies() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }
        }

        void awaitAll(Duration atMost) throws InterruptedException {
            long giveUp = System.nanoTime() + atMost.toNanos();
            while (!sentAt.isEmpty() && System.nanoTime() < giveUp) {
                Thread.sleep(100);
            }
            if (!sentAt.isEmpty()) {
                System.out.println("  " + sentAt.size() + " orders had not finished after " + atMost);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        private void run() {
            Properties config = new Properties();
            config.put("bootstrap.servers", brokers);
            config.put("enable.auto.commit", "false");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor("orders").stream()
                        .map(info -> new TopicPartition("orders", info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        var type = record.headers().lastHeader("ce_type");
                        String kind = type == null ? "" : new String(type.value());
                        if (kind.equals("order.assembled") || kind.equals("order.canceled") || kind.equals("order.refunded")) {
                            long now = System.nanoTime();
                            Long sent = sentAt.remove(record.key());
                            if (sent != null) {
                                record(sent, now);
                            } else {
                                finishedEarly.put(record.key(), now);
                            }
                        }
                    }
                }
            }
        }
    }
}
