package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's poll loop. A record's offset is committed only after the listener returned for it, i.e.
 * after the handler's transaction (with its inbox row) committed: a crash in between means redelivery,
 * which the inbox turns into a no-op. If the listener throws (the database is away), the partition is
 * rewound to that record and tried again after a pause; records of other partitions go on.
 */
final class KafkaSubscription implements MessageBus.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final String consumer;
    private final Properties config;
    private volatile KafkaConsumer<String, byte[]> kafka;
    private final Set<String> topics;
    private final EnvelopeReader envelopes;
    private final MessageBus.Listener listener;
    private final Duration failurePause;
    private final Duration shutdownTimeout;
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lag;

    KafkaSubscription(String consumer, Properties config, Set<String> topics, EnvelopeReader envelopes,
                      MessageBus.Listener listener, Duration failurePause, Duration shutdownTimeout) {
        this.consumer = consumer;
        this.config = config;
        this.topics = topics;
        this.envelopes = envelopes;
        this.listener = listener;
        this.failurePause = failurePause;
        this.shutdownTimeout = shutdownTimeout;
        this.thread = new Thread(this::run, "consumer-" + consumer);
    }

    void start() {
        thread.start();
    }

    /**
     * Polls until closed. If anything unexpected breaks the loop (the group evicted this member after a long
     * run of retries, the broker went away mid-commit), the consumer is closed and a new one joins the group
     * after a pause: what was not committed is redelivered and the inbox absorbs it. A consumer never stays
     * stopped while the service runs.
     */
    private void run() {
        while (running) {
            handled.clear();
            kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            try {
                consume();
            } catch (WakeupException stopping) {
                // close() woke the poll: fall through to the final commit
            } catch (RuntimeException e) {
                LOG.error("Consumer {} failed ({}); starting it again in {}", consumer, e.getMessage(), failurePause, e);
            } finally {
                commitQuietly();
                kafka.close(Duration.ofSeconds(5));
            }
            if (running) {
                pause();
            }
        }
    }

    private void consume() {
        kafka.subscribe(topics, new CommitOnRevoke());
        while (running) {
            ConsumerRecords<String, byte[]> records = kafka.poll(POLL_TIMEOUT);
            for (TopicPartition partition : records.partitions()) {
                if (running) {
                    deliverAll(partition, records.records(partition));
                }
            }
            lag = currentLag();
            commitHandled();
        }
    }

    /**
     * Records behind the end of this member's partitions, from the end offsets the consumer has cached from its
     * fetches. Where it knows none yet (just after an assignment) it asks for it in the background and the
     * partition counts as 0 until the answer is in; the figure is as of the last poll.
     */
    private long currentLag() {
        long behind = 0;
        for (TopicPartition partition : kafka.assignment()) {
            behind += kafka.currentLag(partition).orElse(0);
        }
        return behind;
    }

    /** How far behind this member was after its last poll; see {@link #currentLag()}. */
    long lag() {
        return lag;
    }

    private void commitQuietly() {
        try {
            commitHandled();
        } catch (RuntimeException e) {
            LOG.warn("Consumer {} could not commit its last offsets ({}); they will be redelivered", consumer,
                    e.getMessage());
        }
    }

    /**
     * Delivers a partition's records in order, consecutive readable events together as one run (one
     * transaction); an unreadable record is handed over on its own, in its place. On a failure the partition
     * is rewound to the first record of the run that failed, and delivery of it stops until the next poll.
     */
    private void deliverAll(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        List<InboundEvent> run = new ArrayList<>();
        long runStart = -1;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running) {
                return;
            }
            InboundEvent.Delivery delivery = new InboundEvent.Delivery(record.topic(), record.partition(),
                    record.offset(), WireText.of(record.key()), record.value(),
                    CloudEventHeaders.asStrings(record.headers()));
            InboundEvent event;
            try {
                event = envelopes.read(delivery);
            } catch (EnvelopeReader.UnreadableMessage e) {
                if (!deliverRun(partition, run, runStart)) {
                    return;
                }
                run.clear();
                if (!deliverOne(partition, record, () -> listener.onUnreadable(delivery, e.getMessage()))) {
                    return;
                }
                continue;
            }
            if (run.isEmpty()) {
                runStart = record.offset();
            }
            run.add(event);
        }
        deliverRun(partition, run, runStart);
    }

    private boolean deliverRun(TopicPartition partition, List<InboundEvent> run, long firstOffset) {
        if (run.isEmpty()) {
            return true;
        }
        long lastOffset = run.get(run.size() - 1).delivery().offset();
        try {
            listener.onEvents(List.copyOf(run));
            handled.put(partition, new OffsetAndMetadata(lastOffset + 1));
            return true;
        } catch (RuntimeException e) {
            rewind(partition, firstOffset, e);
            return false;
        }
    }

    private boolean deliverOne(TopicPartition partition, ConsumerRecord<String, byte[]> record, Runnable delivery) {
        try {
            delivery.run();
            handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
            return true;
        } catch (RuntimeException e) {
            rewind(partition, record.offset(), e);
            return false;
        }
    }

    private void rewind(TopicPartition partition, long offset, RuntimeException cause) {
        LOG.warn("Consumer {} could not handle {}@{} ({}); retrying in {}", consumer, partition, offset,
                cause.getMessage(), failurePause);
        kafka.seek(partition, offset);
        pause();
    }

    private void commitHandled() {
        if (!handled.isEmpty()) {
            kafka.commitSync(handled);
            handled.clear();
        }
    }

    private void pause() {
        try {
            Thread.sleep(failurePause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops taking records, lets the one in hand finish, commits what was handled and leaves the group. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = kafka;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Consumer {} did not stop within {}", consumer, shutdownTimeout);
        }
    }

    /** Before partitions move to another instance, commit what was handled on them, so it is not redone there. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitHandled();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing to do: positions come from the committed offsets
        }
    }
}
