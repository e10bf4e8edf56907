package dev.atelier.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Topics come from configuration, against a broker that never auto-creates them. */
class TopicProvisionerTest {

    private ApplicationContext context;
    private AdminClient admin;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        context = ApplicationContext.builder().properties(Map.of(
                "kafka.bootstrap.servers", TestBroker.bootstrapServers(),
                "atelier.messaging.provision-topics", "false")).start();
        admin = AdminClient.create(Map.of("bootstrap.servers", TestBroker.bootstrapServers()));
    }

    @AfterEach
    void tearDown() {
        admin.close();
        context.close();
    }

    private Topics topics(int partitions) {
        TopicDefinition orders = new TopicDefinition("orders");
        orders.setName("orders-" + suffix);
        orders.setPartitions(partitions);
        orders.setConfig(Map.of("retention.ms", "86400000"));
        return new Topics(List.of(orders), 2, (short) 1);
    }

    private static EventHandler consumer(String name) {
        return new EventHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> streams() {
                return Set.of("orders");
            }

            @Override
            public void handle(InboundEvent event) {
            }
        };
    }

    private TopicProvisioner provisioner(Topics topics, boolean fatal) {
        return new TopicProvisioner(context.getBean(KafkaDefaultConfiguration.class), topics,
                List.of(consumer("notifications-" + suffix)), fatal);
    }

    @Test
    void creates_configured_topics_and_each_consumers_dead_letter_topic() throws Exception {
        provisioner(topics(6), true).provision();

        var described = admin.describeTopics(List.of("orders-" + suffix, "notifications-" + suffix + ".dlq"))
                .allTopicNames().get();
        assertThat(described.get("orders-" + suffix).partitions()).hasSize(6);
        assertThat(described.get("notifications-" + suffix + ".dlq").partitions()).hasSize(2);
        String retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "orders-" + suffix)))
                .all().get().values().iterator().next().get("retention.ms").value();
        assertThat(retention).isEqualTo("86400000");

        provisioner(topics(6), true).provision();  // a second instance finds everything in place
    }

    @Test
    void a_partition_mismatch_is_reported_and_can_be_made_fatal() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders-" + suffix, 1, (short) 1))).all().get();

        provisioner(topics(6), false).provision();
        assertThatThrownBy(() -> provisioner(topics(6), true).provision())
                .hasMessageContaining("orders-" + suffix + " has 1 partitions, configured 6");
    }
}
