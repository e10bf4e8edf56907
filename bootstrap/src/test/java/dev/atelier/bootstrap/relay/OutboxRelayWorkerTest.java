package dev.atelier.bootstrap.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.CommitSignal;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.OutboxRelay;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.testing.DirectUnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the relay sleeps and when it looks again. The fallback poll is an hour here, so an event published
 * within the test's wait was published because the worker was woken or tried again, never by the poll.
 */
class OutboxRelayWorkerTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final BlockingQueue<OutboundEvent> outbox = new LinkedBlockingQueue<>();
    private final List<OutboundEvent> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lockHeldElsewhere = new AtomicBoolean();
    private final Signal commits = new Signal();
    private OutboxRelayWorker worker;

    /** A commit signal the test raises by hand; it also tells when the worker starts waiting for one. */
    private static final class Signal implements CommitSignal {
        private final Semaphore raised = new Semaphore(0);
        private final CountDownLatch waiting = new CountDownLatch(1);

        @Override
        public boolean await(Duration atMost) throws InterruptedException {
            waiting.countDown();
            return raised.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS);
        }

        void raise() {
            raised.release();
        }

        /** Lets every later wait end at once, so that the worker sees it must stop. */
        void open() {
            raised.release(Integer.MAX_VALUE / 2);
        }
    }

    private final PendingEvents pending = new PendingEvents() {
        @Override
        public boolean tryLock() {
            return !lockHeldElsewhere.get();
        }

        @Override
        public List<OutboundEvent> oldest(int limit) {
            OutboundEvent next = outbox.peek();
            return next == null ? List.of() : List.of(next);
        }

        @Override
        public List<OutboundEvent> oldestExcept(int limit, Collection<String> keys) {
            return oldest(limit).stream().filter(event -> !keys.contains(event.key())).toList();
        }

        @Override
        public List<OutboundEvent> at(Collection<Long> positions) {
            return oldest(1).stream().filter(event -> positions.contains(event.position())).toList();
        }

        @Override
        public void published(Collection<Long> positions) {
            outbox.poll();
        }

        @Override
        public void failed(Map<Long, String> errorsByPosition) {
        }

        @Override
        public void compact() {
        }

        @Override
        public Backlog backlog() {
            return new Backlog(outbox.size(), null);
        }
    };

    private final UnitOfWork direct = new DirectUnitOfWork();

    private void start() {
        OutboxRelay relay = new OutboxRelay(direct, pending, (events, receipts) -> {
            published.addAll(events);
            return events;
        }, 10);
        worker = new OutboxRelayWorker(relay, commits, NEVER, Duration.ofSeconds(2), Duration.ofSeconds(5));
        worker.onStartup(null);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            commits.open();
            worker.stop();
        }
    }

    private static OutboundEvent event() {
        return new OutboundEvent(1, UUID.randomUUID(), "designs", "design.updated", "a", 1, Instant.EPOCH, new byte[0],
                MessageContext.newFlow());
    }

    private boolean publishedWithin(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return !published.isEmpty();
    }

    @Test
    void a_relay_that_found_the_lock_taken_tries_again_without_waiting_for_a_commit() throws Exception {
        outbox.add(event());
        lockHeldElsewhere.set(true);
        start();
        Thread.sleep(100);
        assertThat(published).as("not while another relay holds the lock").isEmpty();

        lockHeldElsewhere.set(false);

        assertThat(publishedWithin(Duration.ofSeconds(10)))
                .as("the other relay may have finished before this event was committed: nobody else publishes it")
                .isTrue();
    }

    @Test
    void an_idle_relay_sleeps_until_a_commit_is_signalled() throws Exception {
        start();
        assertThat(commits.waiting.await(10, TimeUnit.SECONDS)).as("waits for the signal rather than polling").isTrue();
        outbox.add(event());
        assertThat(publishedWithin(Duration.ofMillis(300))).as("asleep until signalled").isFalse();

        commits.raise();

        assertThat(publishedWithin(Duration.ofSeconds(10))).isTrue();
    }
}
