package dev.atelier.bootstrap.cli.doctor;

import dev.atelier.bootstrap.cli.kafka.ConfiguredTopics;
import dev.atelier.bootstrap.cli.kafka.KafkaAdmin;
import dev.atelier.bootstrap.cli.kafka.TopicState;
import io.micronaut.context.BeanProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Every topic the service provisions exists with the configured number of partitions (what
 * {@code KAFKA_TOPIC_MISMATCH_FATAL} guards); a different replication factor is only noted.
 */
final class TopicsCheck implements Check {

    private final KafkaAdmin kafka;
    private final BeanProvider<ConfiguredTopics> configured;

    TopicsCheck(KafkaAdmin kafka, BeanProvider<ConfiguredTopics> configured) {
        this.kafka = kafka;
        this.configured = configured;
    }

    @Override
    public String subject() {
        return "topics";
    }

    @Override
    public Outcome run() {
        List<TopicState> states = kafka.states(configured.get().all());
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (TopicState topic : states) {
            if (!topic.exists()) {
                missing.add(topic.name());
            } else if (topic.partitionsDiffer()) {
                problems.add(topic.name() + " has " + topic.partitions() + " partitions, configured "
                        + topic.configured().getPartitions());
            } else if (topic.replicationDiffers()) {
                notes.add(topic.name() + " has replication factor " + topic.replicationFactor() + ", configured "
                        + topic.configured().getReplicationFactor());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing " + String.join(", ", missing) + " (atelier topics create makes them)");
        }
        if (!problems.isEmpty()) {
            return Outcome.failed(String.join("; ", problems), notes);
        }
        return Outcome.passed("all " + states.size() + " configured topics exist with their partitions", notes);
    }
}
