package dev.atelier.bootstrap.cli.kafka;

import dev.atelier.adapters.kafka.TopicDefinition;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka AdminClient as the operator commands use it: built from the service's own {@code kafka.*}
 * settings (so SASL and TLS apply), and bounded, so that an unreachable broker is reported after a few
 * seconds instead of the client's default minute.
 */
public final class KafkaAdmin implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final AdminClient admin;
    private final String bootstrapServers;
    private final Duration timeout;

    private KafkaAdmin(AdminClient admin, String bootstrapServers, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** @param timeout how long one request may wait for the broker */
    public static KafkaAdmin connect(KafkaDefaultConfiguration kafka, Duration timeout) {
        Properties config = new Properties();
        config.putAll(kafka.getConfig());
        String millis = String.valueOf(timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "atelier-cli");
        return new KafkaAdmin(AdminClient.create(config), bootstrapServers(kafka), timeout);
    }

    public static String bootstrapServers(KafkaDefaultConfiguration kafka) {
        Object servers = kafka.getConfig().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        return servers instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(servers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Collection<Node> brokers() {
        return await(admin.describeCluster().nodes());
    }

    /** Each configured topic next to what the broker has, in the order given. */
    public List<TopicState> states(List<TopicDefinition> configured) {
        Map<String, TopicDescription> existing = describeExisting(configured.stream().map(TopicDefinition::getName)
                .toList());
        return configured.stream().map(topic -> {
            TopicDescription description = existing.get(topic.getName());
            return description == null
                    ? new TopicState(topic, null, null)
                    : new TopicState(topic, description.partitions().size(),
                            description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size());
        }).toList();
    }

    /** Descriptions of those of {@code names} that exist. */
    public Map<String, TopicDescription> describeExisting(Collection<String> names) {
        Set<String> existing = await(admin.listTopics().names());
        List<String> present = names.stream().filter(existing::contains).distinct().toList();
        return present.isEmpty() ? Map.of() : await(admin.describeTopics(present).allTopicNames());
    }

    /**
     * Creates the topics as the service does at start-up; a topic that another client created meanwhile is
     * what was wanted, not an error.
     */
    public void create(List<TopicDefinition> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<NewTopic> newTopics = topics.stream().map(TopicDefinition::toNewTopic).toList();
        try {
            await(admin.createTopics(newTopics).all());
        } catch (KafkaUnavailableException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The committed offsets of each group; a group that never committed maps to an empty map. */
    public Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets(Collection<String> groups) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                .collect(Collectors.toMap(Function.identity(), group -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
                await(admin.listConsumerGroupOffsets(specs).all());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> result = new HashMap<>();
        groups.forEach(group -> result.put(group, offsets.getOrDefault(group, Map.of())));
        return result;
    }

    public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        await(admin.listOffsets(request).all()).forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The partitions of the topics that exist. */
    public List<TopicPartition> partitionsOf(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        describeExisting(topics).forEach((name, description) -> description.partitions()
                .forEach(partition -> partitions.add(new TopicPartition(name, partition.partition()))));
        return partitions;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka at " + bootstrapServers, e);
        } catch (TimeoutException e) {
            throw noAnswer();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer();
            }
            throw new KafkaUnavailableException(e.getCause().getMessage(), e.getCause());
        }
    }

    /* The client's own timeout says only "Timed out waiting for a node assignment", which adds nothing. */
    private KafkaUnavailableException noAnswer() {
        return new KafkaUnavailableException("no broker at " + bootstrapServers + " answered within "
                + timeout.toSeconds() + "s", null);
    }

    @Override
    public void close() {
        admin.close(CLOSE_TIMEOUT);
    }

    /** Kafka did not answer, or refused what was asked; the message says which. */
    public static final class KafkaUnavailableException extends RuntimeException {

        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
