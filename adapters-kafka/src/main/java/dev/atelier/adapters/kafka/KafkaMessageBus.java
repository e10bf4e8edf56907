package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.MessageBus;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumes with one Kafka consumer group per consumer ({@code <prefix><consumer>}), with
 * {@code atelier.messaging.consumer.threads} members in this instance, each on a thread of its own: the
 * group splits the partitions between them, so per-partition (and so per-key) order is unchanged, while one
 * member's wait for a database commit no longer idles the whole consumer. See {@link KafkaSubscription}
 * for when offsets are committed.
 *
 * <p>With an instance id ({@code ATELIER_INSTANCE_ID}) the members are static (Kafka's
 * {@code group.instance.id}): a member that comes back under its old id after a crash gets its partitions
 * back at once, where a new member would wait for the dead one's session to time out (45 s by default)
 * while replies to the sagas' commands sit unread and their deadlines run out. The price is that a static
 * member does not leave its group when it stops: an instance that never comes back holds its partitions
 * until its session times out.
 */
@Singleton
public class KafkaMessageBus implements MessageBus {

    private final KafkaDefaultConfiguration kafka;
    private final Topics topics;
    private final EnvelopeReader envelopes;
    private final String groupPrefix;
    private final int maxPollRecords;
    private final Duration failurePause;
    private final Duration shutdownTimeout;
    private final int threads;
    private final String instanceId;
    private final Map<String, List<KafkaSubscription>> members = new ConcurrentHashMap<>();

    public KafkaMessageBus(KafkaDefaultConfiguration kafka, Topics topics, CloudEventHeaders envelopes,
                           @Value("${atelier.messaging.consumer.group-prefix:atelier.}") String groupPrefix,
                           @Value("${atelier.messaging.consumer.max-poll-records:500}") int maxPollRecords,
                           @Value("${atelier.messaging.consumer.failure-pause:1s}") Duration failurePause,
                           @Value("${atelier.shutdown-timeout:30s}") Duration shutdownTimeout,
                           @Value("${atelier.messaging.consumer.threads:1}") int threads,
                           @Value("${atelier.messaging.consumer.instance-id:}") String instanceId) {
        if (threads < 1) {
            throw new IllegalArgumentException("atelier.messaging.consumer.threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.instanceId = instanceId.isBlank() ? null : instanceId.strip();
        this.kafka = kafka;
        this.topics = topics;
        this.envelopes = envelopes;
        this.groupPrefix = groupPrefix;
        this.maxPollRecords = maxPollRecords;
        this.failurePause = failurePause;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Each consumer's lag (records not yet consumed, summed over its members), as of their last polls. */
    public Map<String, Long> lagByConsumer() {
        Map<String, Long> lag = new TreeMap<>();
        members.forEach((consumer, subscriptions) ->
                lag.put(consumer, subscriptions.stream().mapToLong(KafkaSubscription::lag).sum()));
        return lag;
    }

    public String groupOf(String consumer) {
        return groupPrefix + consumer;
    }

    @Override
    public Subscription subscribe(String consumer, Set<String> streams, Listener listener) {
        List<KafkaSubscription> members = new ArrayList<>();
        for (int member = 0; member < threads; member++) {
            members.add(member(consumer, member, streams, listener));
        }
        this.members.put(consumer, members);
        return () -> {
            members.parallelStream().forEach(KafkaSubscription::close);
            this.members.remove(consumer, members);
        };
    }

    /** The same for this member of this consumer in every run of this instance, and in no other instance. */
    private String staticMemberId(String consumer, int member) {
        return instanceId + "-" + consumer + "-" + member;
    }

    private KafkaSubscription member(String consumer, int member, Set<String> streams, Listener listener) {
        Properties config = new Properties();
        config.putAll(kafka.getConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupOf(consumer));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupOf(consumer) + "-" + ProcessHandle.current().pid() + "-" + member);
        if (instanceId != null) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMemberId(consumer, member));
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // Only events of committed producer transactions, should a producer ever use them.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> topicNames = streams.stream().map(topics::topicFor).collect(Collectors.toUnmodifiableSet());
        KafkaSubscription subscription = new KafkaSubscription(consumer + "-" + member, config, topicNames, envelopes,
                listener, failurePause, shutdownTimeout);
        subscription.start();
        return subscription;
    }
}
