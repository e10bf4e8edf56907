package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.EventHandler;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every configured topic that is missing and checks the ones that exist, before anything is
 * published. A topic with fewer partitions than configured is reported; with
 * {@code atelier.messaging.topic-mismatch-fatal=true} the service refuses to start instead.
 */
@Context
@Requires(property = "atelier.messaging.provision-topics", notEquals = "false")
public class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final Properties adminConfig;
    private final List<TopicDefinition> wanted;
    private final boolean mismatchFatal;
    private AdminClient admin;

    /*
     * The AdminClient is made here, from the shared kafka.* settings, rather than injected from
     * micronaut-kafka's factory: that factory is conditional on another bean and was found missing when an
     * eager bean like this one asked for it early in start-up.
     */
    public TopicProvisioner(KafkaDefaultConfiguration kafka, Topics topics, List<EventHandler> consumers,
                            @Value("${atelier.messaging.topic-mismatch-fatal:false}") boolean mismatchFatal) {
        this.adminConfig = new Properties();
        this.adminConfig.putAll(kafka.getConfig());
        this.wanted = topics.provisionedFor(consumers);
        this.mismatchFatal = mismatchFatal;
    }

    @PostConstruct
    void provision() {
        try (AdminClient client = AdminClient.create(adminConfig)) {
            admin = client;
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            createMissing(existing);
            verifyExisting(existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot provision Kafka topics: " + e.getMessage(), e);
        } finally {
            admin = null;
        }
    }

    private void createMissing(Set<String> existing) throws InterruptedException, TimeoutException, ExecutionException {
        List<NewTopic> missing = wanted.stream()
                .filter(topic -> !existing.contains(topic.getName()))
                .map(TopicDefinition::toNewTopic)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another instance may have created the same topic a moment ago; that is the outcome we wanted.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        missing.forEach(topic -> LOG.info("Created topic {} ({} partitions, replication factor {})",
                topic.name(), topic.numPartitions(), topic.replicationFactor()));
    }

    private void verifyExisting(Set<String> existing) throws InterruptedException, TimeoutException, ExecutionException {
        List<TopicDefinition> present = wanted.stream().filter(t -> existing.contains(t.getName())).toList();
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                present.stream().map(TopicDefinition::getName).toList()).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> mismatches = new ArrayList<>();
        for (TopicDefinition topic : present) {
            int actual = descriptions.get(topic.getName()).partitions().size();
            if (actual != topic.getPartitions()) {
                mismatches.add("topic " + topic.getName() + " has " + actual + " partitions, configured "
                        + topic.getPartitions());
            }
        }
        if (mismatches.isEmpty()) {
            return;
        }
        if (mismatchFatal) {
            throw new IllegalStateException("Kafka topics differ from configuration: " + String.join("; ", mismatches));
        }
        mismatches.forEach(mismatch -> LOG.warn("Kafka topic differs from configuration: {}", mismatch));
    }
}
