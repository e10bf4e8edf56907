package dev.atelier.bootstrap.cli.doctor;

import dev.atelier.bootstrap.cli.kafka.ConfiguredTopics;
import dev.atelier.bootstrap.cli.kafka.KafkaAdmin;
import io.micronaut.context.BeanProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each consumer group is behind: per partition, the latest offset minus the group's committed one.
 * A partition the group never committed counts from the oldest retained message, where the consumer starts.
 * Lag is reported, not judged: a busy service is behind for a moment and that is not a fault.
 */
final class ConsumerLagCheck implements Check {

    private final KafkaAdmin kafka;
    private final BeanProvider<ConfiguredTopics> configured;

    ConsumerLagCheck(KafkaAdmin kafka, BeanProvider<ConfiguredTopics> configured) {
        this.kafka = kafka;
        this.configured = configured;
    }

    @Override
    public String subject() {
        return "consumer lag";
    }

    @Override
    public Outcome run() {
        List<ConfiguredTopics.ConsumerGroup> groups = configured.get().consumerGroups();
        Set<String> topics = new TreeSet<>();
        groups.forEach(group -> topics.addAll(group.topics()));
        List<TopicPartition> partitions = kafka.partitionsOf(topics);
        Map<TopicPartition, Long> latest = kafka.offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> earliest = kafka.offsets(partitions, OffsetSpec.earliest());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                kafka.committedOffsets(groups.stream().map(ConfiguredTopics.ConsumerGroup::group).toList());

        long total = 0;
        List<String> notes = new ArrayList<>();
        int width = groups.stream().mapToInt(group -> group.group().length()).max().orElse(0);
        for (ConfiguredTopics.ConsumerGroup group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(group.group());
            long lag = 0;
            List<String> absent = new ArrayList<>();
            for (String topic : group.topics()) {
                List<TopicPartition> ofTopic = partitions.stream().filter(p -> p.topic().equals(topic)).toList();
                if (ofTopic.isEmpty()) {
                    absent.add(topic);
                }
                for (TopicPartition partition : ofTopic) {
                    OffsetAndMetadata position = offsets.get(partition);
                    long from = position == null ? earliest.getOrDefault(partition, 0L) : position.offset();
                    lag += Math.max(0, latest.getOrDefault(partition, 0L) - from);
                }
            }
            total += lag;
            notes.add(String.format("%-" + width + "s  %6d behind  (%s)%s", group.group(), lag,
                    String.join(", ", group.topics()),
                    offsets.isEmpty() ? ", nothing committed yet" : "")
                    + (absent.isEmpty() ? "" : ", missing topic " + String.join(", ", absent)));
        }
        return Outcome.passed(total + " messages behind in " + groups.size() + " consumer groups", notes);
    }
}
