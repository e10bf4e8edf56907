package dev.atelier.bootstrap.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain Kafka consumer that reads a whole topic from the beginning, the way an outside client would. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code count} records with this key have arrived (or a generous bound passes), in order. */
    public List<ConsumerRecord<String, byte[]>> awaitKey(String key, int count) {
        return await(records -> records.stream().filter(r -> key.equals(r.key())).count() >= count)
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    public List<ConsumerRecord<String, byte[]>> await(Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (!done.test(seen) && Instant.now().isBefore(giveUp)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Every record on the topic now, from its beginning to its current end. */
    public List<ConsumerRecord<String, byte[]>> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        Instant giveUp = Instant.now().plusSeconds(60);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && Instant.now().isBefore(giveUp)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    public static String value(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
