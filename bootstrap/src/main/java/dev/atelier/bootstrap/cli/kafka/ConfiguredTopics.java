package dev.atelier.bootstrap.cli.kafka;

import dev.atelier.adapters.kafka.KafkaMessageBus;
import dev.atelier.adapters.kafka.TopicDefinition;
import dev.atelier.adapters.kafka.Topics;
import dev.atelier.application.messaging.EventHandler;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the service expects of Kafka, from its own configuration and consumers: the topics it provisions at
 * start-up (every {@code atelier.messaging.topics} entry plus each consumer's {@code <consumer>.dlq}, the same
 * set as {@code TopicProvisioner}) and the consumer group of each consumer.
 */
@Singleton
public class ConfiguredTopics {

    private final Topics topics;
    private final List<EventHandler> consumers;
    private final KafkaMessageBus bus;

    public ConfiguredTopics(Topics topics, List<EventHandler> consumers, KafkaMessageBus bus) {
        this.topics = topics;
        this.consumers = consumers;
        this.bus = bus;
    }

    /** Every topic the service creates or checks at start-up, by name. */
    public List<TopicDefinition> all() {
        return topics.provisionedFor(consumers);
    }

    public List<ConsumerGroup> consumerGroups() {
        return consumers.stream()
                .map(consumer -> new ConsumerGroup(consumer.name(), bus.groupOf(consumer.name()),
                        consumer.streams().stream().map(topics::topicFor).collect(TreeSet::new, Set::add, Set::addAll)))
                .sorted(Comparator.comparing(ConsumerGroup::group))
                .toList();
    }

    /** A consumer, the Kafka consumer group it reads with, and the topics it reads. */
    public record ConsumerGroup(String consumer, String group, Set<String> topics) {
    }
}
