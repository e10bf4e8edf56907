package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.OutboundEvent;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox events with an idempotent producer ({@code acks=all}): the broker keeps each partition's
 * records in send order and drops the producer's own retries, so a key's events arrive once and in order.
 * Connection and security settings come from the shared {@code kafka.*} configuration (SASL and TLS are
 * configuration, not code).
 */
@Singleton
public class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final String sourcePrefix;
    private final Duration ackTimeout;

    public KafkaEventPublisher(KafkaDefaultConfiguration kafka, Topics topics,
                               @Value("${atelier.messaging.source:/atelier}") String sourcePrefix,
                               @Value("${atelier.messaging.producer.compression:lz4}") String compression,
                               @Value("${atelier.messaging.producer.linger-ms:5}") int lingerMs,
                               @Value("${atelier.messaging.producer.delivery-timeout:30s}") Duration deliveryTimeout) {
        Properties config = new Properties();
        config.putAll(kafka.getConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // Kafka insists on delivery.timeout >= linger + request.timeout.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryTimeout.toMillis() - lingerMs, 30_000));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "atelier-outbox-relay");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.sourcePrefix = sourcePrefix;
        this.ackTimeout = deliveryTimeout.plusSeconds(5);
    }

    @Override
    public List<OutboundEvent> publish(List<OutboundEvent> events, Receipts receipts) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (OutboundEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.topicFor(event.stream()), event.key(),
                    event.payload());
            CloudEventHeaders.write(event, sourcePrefix + "/" + event.stream(), record.headers());
            sends.add(producer.send(record));
        }
        producer.flush();
        List<OutboundEvent> acknowledged = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (awaitAck(events.get(i), sends.get(i), receipts)) {
                acknowledged.add(events.get(i));
            }
        }
        return acknowledged;
    }

    private boolean awaitAck(OutboundEvent event, Future<RecordMetadata> send, Receipts receipts) {
        try {
            RecordMetadata landed = send.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            receipts.published(event, landed.topic(), landed.partition(), landed.offset());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return failed(event, e.getMessage(), receipts);
        } catch (StackOverflowError e) {
            // Kafka's producer (3.9) splits a batch the broker finds too large into batches of batch.size, which
            // stay too large when the topic's max.message.bytes is smaller; the future chains every split and
            // reading it recurses without end (KAFKA-8350). The event failed like any refused one.
            return failed(event, "refused as too large: the topic's max.message.bytes is below the producer's"
                    + " batch.size", receipts);
        }
    }

    private boolean failed(OutboundEvent event, String error, Receipts receipts) {
        LOG.warn("Event {} ({}) was not acknowledged by Kafka; it stays in the outbox: {}", event.eventId(),
                event.type(), error);
        receipts.failed(event, topics.topicFor(event.stream()), error);
        return false;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
