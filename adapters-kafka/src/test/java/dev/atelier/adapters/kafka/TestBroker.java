package dev.atelier.adapters.kafka;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/** One real single-node KRaft broker for the adapter's tests, with topic auto-creation off, as in production. */
final class TestBroker {

    private static KafkaClusterTestKit cluster;

    private TestBroker() {
    }

    static synchronized String bootstrapServers() {
        if (cluster == null) {
            try {
                cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                KafkaClusterTestKit started = cluster;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // the JVM is ending anyway
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test broker", e);
            }
        }
        return cluster.bootstrapServers();
    }
}
