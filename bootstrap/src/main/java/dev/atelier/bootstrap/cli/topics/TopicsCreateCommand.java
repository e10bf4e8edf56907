package dev.atelier.bootstrap.cli.topics;

import dev.atelier.adapters.kafka.TopicDefinition;
import dev.atelier.bootstrap.cli.kafka.ConfiguredTopics;
import dev.atelier.bootstrap.cli.kafka.KafkaAdmin;
import dev.atelier.bootstrap.cli.kafka.TopicState;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code atelier topics create}: what the service does at start-up, for a broker where it is not allowed to
 * (KAFKA_PROVISION_TOPICS=false) or before it first starts. Existing topics are never changed: fewer
 * partitions than configured is reported, and more would reorder keys, so that stays an operator's decision.
 */
@Command(name = "create",
        description = {"Creates the configured topics that are missing.",
                "Every configured topic that is missing, DLQ topics included, is created with its configured "
                + "partitions, replication factor and settings, as the service does at start-up.",
                "Existing topics are left as they are; a different partition count is reported.",
                "Exit code 0 when every configured topic exists afterwards, 1 when Kafka cannot be reached or "
                        + "refuses to create one."})
@Prototype
public class TopicsCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final KafkaDefaultConfiguration kafkaSettings;
    private final BeanProvider<ConfiguredTopics> configured;

    TopicsCreateCommand(KafkaDefaultConfiguration kafkaSettings, BeanProvider<ConfiguredTopics> configured) {
        this.kafkaSettings = kafkaSettings;
        this.configured = configured;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaAdmin kafka = KafkaAdmin.connect(kafkaSettings, TopicsListCommand.KAFKA_TIMEOUT)) {
            List<TopicState> before = kafka.states(configured.get().all());
            List<TopicDefinition> missing = before.stream().filter(topic -> !topic.exists())
                    .map(TopicState::configured).toList();
            kafka.create(missing);
            missing.forEach(topic -> out.println("created " + topic.getName() + " (" + topic.getPartitions()
                    + " partitions, replication factor " + topic.getReplicationFactor() + ")"));
            before.stream().filter(TopicState::partitionsDiffer).forEach(topic -> out.println("left as it is: "
                    + topic.name() + " has " + topic.partitions() + " partitions, configured "
                    + topic.configured().getPartitions()));
            if (missing.isEmpty()) {
                out.println("nothing to create: all " + before.size() + " configured topics exist");
            }
            return 0;
        }
    }
}
