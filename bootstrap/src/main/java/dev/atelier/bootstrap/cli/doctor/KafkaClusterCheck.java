package dev.atelier.bootstrap.cli.doctor;

import dev.atelier.bootstrap.cli.kafka.KafkaAdmin;

/** The brokers answer: {@code describeCluster} through the service's own client settings. */
final class KafkaClusterCheck implements Check {

    private final KafkaAdmin kafka;

    KafkaClusterCheck(KafkaAdmin kafka) {
        this.kafka = kafka;
    }

    @Override
    public String subject() {
        return "kafka " + kafka.bootstrapServers();
    }

    @Override
    public Outcome run() {
        int brokers = kafka.brokers().size();
        return Outcome.passed(brokers + (brokers == 1 ? " broker" : " brokers"));
    }
}
