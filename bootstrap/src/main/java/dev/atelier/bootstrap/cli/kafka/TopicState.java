package dev.atelier.bootstrap.cli.kafka;

import dev.atelier.adapters.kafka.TopicDefinition;

/**
 * A configured topic next to what the broker has: {@code partitions} and {@code replicationFactor} are null
 * when the topic does not exist.
 */
public record TopicState(TopicDefinition configured, Integer partitions, Integer replicationFactor) {

    public String name() {
        return configured.getName();
    }

    public boolean exists() {
        return partitions != null;
    }

    /** The service refuses such a topic with KAFKA_TOPIC_MISMATCH_FATAL=true, and warns about it otherwise. */
    public boolean partitionsDiffer() {
        return exists() && partitions != configured.getPartitions();
    }

    public boolean replicationDiffers() {
        return exists() && replicationFactor != configured.getReplicationFactor();
    }

    public boolean matches() {
        return exists() && !partitionsDiffer();
    }

    public String status() {
        if (!exists()) {
            return "missing";
        }
        if (partitionsDiffer()) {
            return "partitions differ";
        }
        return replicationDiffers() ? "replication differs" : "ok";
    }
}
