package dev.atelier.bootstrap.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.bootstrap.testing.ServiceProcess;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import dev.atelier.bootstrap.testing.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service runs as a real process, is killed with SIGKILL while sagas are in flight, and is started
 * again: every order it had accepted still reaches exactly one final state, and each order's final event
 * is published once.
 */
class CrashRecoveryTest {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process startService(int httpPort, Path log) throws IOException {
        Map<String, Object> infra = SharedInfrastructure.infrastructure().properties();
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("KAFKA_BROKERS", (String) infra.get("kafka.bootstrap.servers"));
        env.put("DATABASE_URL", (String) infra.get("datasources.default.url"));
        env.put("DATABASE_USERNAME", (String) infra.get("datasources.default.username"));
        env.put("DATABASE_PASSWORD", (String) infra.get("datasources.default.password"));
        env.put("SANDBOX_ENABLED", "true");
        env.put("SANDBOX_LATENCY", "20ms");
        // Longer than the outage below (restart plus the killed member's session timeout), as in production:
        // no step may give up merely because the service was down for a few seconds.
        env.put("SAGA_STEP_TIMEOUT", "20s");
        env.put("SAGA_DEADLINE_CHECK", "200ms");
        env.put("CONSUMER_RETRY_BACKOFF_BASE", "100ms");
        // A killed member holds its partitions until its session times out: keep that short here.
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        Process process = ServiceProcess.start(env, log);
        processes.add(process);
        return process;
    }

    @Test
    void after_a_kill_9_mid_saga_every_accepted_order_reaches_one_final_state() throws Exception {
        Path log = Files.createTempFile("atelier-crash", ".log");
        int port = ServiceProcess.freePort();
        Process first = startService(port, log);
        Shop shop = new Shop(ServiceProcess.awaitHealthy(port, first));
        String design = shop.approvedDesign();

        List<String> accepted = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            boolean outOfStock = i % 7 == 0;
            String order = shop.order("crash-" + UUID.randomUUID(), (outOfStock ? "OOS-" : "MUG-") + i, design);
            accepted.add(order);
            expected.put(order, outOfStock ? "canceled" : "assembled");
        }
        first.destroyForcibly().waitFor();
        assertThat(first.exitValue()).as("killed, not stopped").isNotZero();

        Process second = startService(port, log);
        shop = new Shop(ServiceProcess.awaitHealthy(port, second));
        Map<String, String> finalStatus = new HashMap<>();
        for (String order : accepted) {
            finalStatus.put(order, shop.finalOrder(order, Duration.ofSeconds(120)).get("status").asText());
        }
        second.destroy();

        assertThat(finalStatus).isEqualTo(expected);
        try (TopicReader orders = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "orders")) {
            Set<String> keys = new HashSet<>(accepted);
            List<ConsumerRecord<String, byte[]>> records = orders.await(all -> all.stream()
                    .filter(r -> keys.contains(r.key()) && isFinal(r)).map(ConsumerRecord::key).distinct().count()
                    >= accepted.size());
            for (String order : accepted) {
                Set<String> finalEventIds = new HashSet<>();
                records.stream().filter(r -> order.equals(r.key()) && isFinal(r))
                        .forEach(r -> finalEventIds.add(TopicReader.headers(r).get("ce_id")));
                assertThat(finalEventIds).as("final events of " + order + " (a re-published duplicate shares its id)")
                        .hasSize(1);
            }
        }
        // Only now: when the test fails, the two processes' log stays behind to be read.
        Files.delete(log);
    }

    private static boolean isFinal(ConsumerRecord<String, byte[]> record) {
        String type = TopicReader.headers(record).get("ce_type");
        return "order.assembled".equals(type) || "order.canceled".equals(type) || "order.refunded".equals(type);
    }
}
