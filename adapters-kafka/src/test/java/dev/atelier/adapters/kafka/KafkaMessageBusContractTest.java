package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.MessageBus;
import dev.atelier.application.messaging.contract.MessageBusContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.TestInstance;

/** The messaging contract against a real Kafka broker; the contract's stream is a provisioned topic. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaMessageBusContractTest extends MessageBusContract implements TestPropertyProvider {

    @Inject
    KafkaEventPublisher publisher;

    @Inject
    KafkaMessageBus bus;

    @Inject
    CloudEventHeaders envelopes;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "kafka.bootstrap.servers", TestBroker.bootstrapServers(),
                "atelier.messaging.topics.contract.name", "contract",
                "atelier.messaging.topics.contract.partitions", "3",
                "atelier.messaging.consumer.failure-pause", "100ms",
                // Two members per group: the contract must also hold when a group's partitions are split.
                "atelier.messaging.consumer.threads", "2");
    }

    @Override
    protected EventPublisher publisher() {
        return publisher;
    }

    @Override
    protected MessageBus bus() {
        return bus;
    }

    @Override
    protected EnvelopeReader envelopes() {
        return envelopes;
    }

    @Override
    protected void publishWithoutEnvelope(String key, byte[] value) {
        Properties config = new Properties();
        config.put("bootstrap.servers", TestBroker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("contract", key, value));
        }
    }
}
