package dev.atelier.adapters.kafka;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One topic as configured under {@code atelier.messaging.topics.<stream>}: the logical stream the
 * application knows, and the physical Kafka topic it is published to.
 */
@EachProperty("atelier.messaging.topics")
public class TopicDefinition {

    private final String stream;
    private String name;
    private int partitions = 3;
    private short replicationFactor = 1;
    private Map<String, String> config = Map.of();

    public TopicDefinition(@Parameter String stream) {
        this.stream = stream;
    }

    public String getStream() {
        return stream;
    }

    /** The Kafka topic name; defaults to the stream's name. */
    public String getName() {
        return name == null || name.isBlank() ? stream : name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    /** Topic-level settings passed to the broker on creation, e.g. {@code retention.ms}. */
    /** The topic as the AdminClient creates it. */
    public NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(getConfig());
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config == null ? Map.of() : Map.copyOf(config);
    }
}
