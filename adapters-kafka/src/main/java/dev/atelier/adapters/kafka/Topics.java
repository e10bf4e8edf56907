package dev.atelier.adapters.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.OutboxOperations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured topics, and which topic carries each logical stream. A consumer's dead letters go to the
 * stream {@code dlq.<consumer>}, published to the topic {@code <consumer>.dlq} (seed 002's naming), which is
 * provisioned like any other.
 */
@Singleton
public class Topics {

    private static final String DLQ_STREAM_PREFIX = "dlq.";

    private final Map<String, TopicDefinition> byStream;
    private final int dlqPartitions;
    private final short dlqReplicationFactor;

    public Topics(List<TopicDefinition> definitions,
                  @Value("${atelier.messaging.dlq.partitions:3}") int dlqPartitions,
                  @Value("${atelier.messaging.dlq.replication-factor:1}") short dlqReplicationFactor) {
        this.byStream = definitions.stream()
                .collect(Collectors.toUnmodifiableMap(TopicDefinition::getStream, Function.identity()));
        this.dlqPartitions = dlqPartitions;
        this.dlqReplicationFactor = dlqReplicationFactor;
    }

    /** The dead-letter topic of a consumer, as a definition the provisioner can create. */
    public TopicDefinition deadLetterTopic(String consumer) {
        TopicDefinition definition = new TopicDefinition(DLQ_STREAM_PREFIX + consumer);
        definition.setName(consumer + ".dlq");
        definition.setPartitions(dlqPartitions);
        definition.setReplicationFactor(dlqReplicationFactor);
        return definition;
    }

    public String topicFor(String stream) {
        if (stream.startsWith(DLQ_STREAM_PREFIX) && !byStream.containsKey(configKey(stream))) {
            return deadLetterTopic(stream.substring(DLQ_STREAM_PREFIX.length())).getName();
        }
        TopicDefinition definition = byStream.get(configKey(stream));
        if (definition == null) {
            throw new IllegalStateException("no topic is configured for stream '" + stream
                    + "'; declare it under atelier.messaging.topics." + configKey(stream));
        }
        return definition.getName();
    }

    /**
     * Configuration keys cannot contain dots (they nest), so a stream such as {@code inventory.commands} is
     * configured under {@code atelier.messaging.topics.inventory-commands}.
     */
    static String configKey(String stream) {
        return stream.replace('.', '-');
    }

    public Collection<TopicDefinition> all() {
        return byStream.values();
    }

    /**
     * Every topic the service needs, by name: each configured one, the dead-letter topic of each consumer, and
     * that of the events an operator parks from the outbox. The provisioner creates these at start-up; the CLI
     * checks and creates the same set.
     */
    public List<TopicDefinition> provisionedFor(Collection<? extends EventHandler> consumers) {
        List<TopicDefinition> wanted = new ArrayList<>(byStream.values());
        consumers.forEach(consumer -> wanted.add(deadLetterTopic(consumer.name())));
        wanted.add(deadLetterTopic(OutboxOperations.DEAD_LETTER_CONSUMER));
        wanted.sort(Comparator.comparing(TopicDefinition::getName));
        return List.copyOf(wanted);
    }
}
