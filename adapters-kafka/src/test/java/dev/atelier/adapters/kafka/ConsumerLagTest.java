package dev.atelier.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageBus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lag the adapter reports per consumer (the metrics' consumer lag): what is on the topic and not yet handled. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerLagTest implements TestPropertyProvider {

    @Inject
    KafkaMessageBus bus;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", TestBroker.bootstrapServers(),
                "atelier.messaging.topics.lagging.name", "lagging",
                "atelier.messaging.topics.lagging.partitions", "1",
                "atelier.messaging.consumer.max-poll-records", "5");
    }

    @Test
    void a_consumer_that_handled_5_of_30_records_is_25_behind_and_0_once_it_caught_up() throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", TestBroker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("lagging", "k" + i, new byte[] {1})).get();
            }
        }
        Semaphore handle = new Semaphore(0);
        MessageBus.Subscription subscription = bus.subscribe("slow-reader", Set.of("lagging"), new MessageBus.Listener() {
            @Override
            public void onEvent(InboundEvent event) {
                handle.acquireUninterruptibly();
            }

            @Override
            public void onUnreadable(InboundEvent.Delivery delivery, String error) {
                handle.acquireUninterruptibly();
            }
        });
        try {
            assertThat(bus.lagByConsumer()).containsEntry("slow-reader", 0L);

            handle.release(5);
            await().atMost(Duration.ofSeconds(30)).until(() -> bus.lagByConsumer().get("slow-reader") == 25L);

            handle.release(25);
            await().atMost(Duration.ofSeconds(30)).until(() -> bus.lagByConsumer().get("slow-reader") == 0L);
        } finally {
            handle.release(1_000);
            subscription.close();
        }
        assertThat(bus.lagByConsumer()).doesNotContainKey("slow-reader");
    }
}
