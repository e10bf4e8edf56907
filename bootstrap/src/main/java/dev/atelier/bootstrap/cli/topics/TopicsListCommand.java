package dev.atelier.bootstrap.cli.topics;

import dev.atelier.bootstrap.cli.kafka.ConfiguredTopics;
import dev.atelier.bootstrap.cli.kafka.KafkaAdmin;
import dev.atelier.bootstrap.cli.kafka.TopicState;
import dev.atelier.bootstrap.cli.support.TextTable;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atelier topics list}: each configured topic, configured against actual partitions and replication. */
@Command(name = "list",
        description = {"Lists the configured topics, configured against actual.",
                "Every configured topic with its partitions and replication factor as configured and "
                + "as the broker has them (configured/actual), and its status: ok, missing, partitions differ or "
                + "replication differs.",
                "Exit code 0 when the broker answered, whatever the topics' state; 1 when Kafka cannot be reached."})
@Prototype
public class TopicsListCommand implements Callable<Integer> {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    private final KafkaDefaultConfiguration kafkaSettings;
    private final BeanProvider<ConfiguredTopics> configured;

    TopicsListCommand(KafkaDefaultConfiguration kafkaSettings, BeanProvider<ConfiguredTopics> configured) {
        this.kafkaSettings = kafkaSettings;
        this.configured = configured;
    }

    @Override
    public Integer call() {
        try (KafkaAdmin kafka = KafkaAdmin.connect(kafkaSettings, KAFKA_TIMEOUT)) {
            print(kafka.states(configured.get().all()), spec.commandLine().getOut());
        }
        return 0;
    }

    static void print(List<TopicState> states, PrintWriter out) {
        TextTable table = TextTable.withColumns("topic", "partitions", "replication", "status");
        for (TopicState topic : states) {
            table.row(topic.name(),
                    topic.configured().getPartitions() + "/" + (topic.exists() ? topic.partitions() : "-"),
                    topic.configured().getReplicationFactor() + "/"
                            + (topic.exists() ? topic.replicationFactor() : "-"),
                    topic.status());
        }
        table.print(out);
        long missing = states.stream().filter(topic -> !topic.exists()).count();
        long differ = states.stream().filter(TopicState::partitionsDiffer).count();
        out.println();
        out.println("partitions and replication: configured/actual. " + states.size() + " topics, "
                + (states.size() - missing - differ) + " as configured, " + missing + " missing, " + differ
                + " with other partitions" + (missing > 0 ? " (atelier topics create makes the missing ones)" : ""));
    }
}
