package dev.atelier.bootstrap.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundWorkerTest {

    /** Fails its first rounds with what it is given, then counts the rounds that follow. */
    private static final class FailingFirst extends BackgroundWorker {
        final AtomicInteger rounds = new AtomicInteger();
        private final Throwable failure;

        FailingFirst(Throwable failure) {
            super("failing-first", Duration.ofMillis(10), Duration.ofSeconds(5));
            this.failure = failure;
        }

        @Override
        protected boolean round() {
            if (rounds.incrementAndGet() <= 2) {
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }
            return false;
        }

        @Override
        protected void idle() throws InterruptedException {
            Thread.sleep(5);
        }
    }

    @Test
    void a_round_that_throws_is_followed_by_more_rounds() throws Exception {
        assertRoundsGoOnAfter(new IllegalStateException("database away"));
    }

    @Test
    void an_error_does_not_end_the_worker_either() throws Exception {
        assertRoundsGoOnAfter(new StackOverflowError("a client library recursing without end"));
    }

    private static void assertRoundsGoOnAfter(Throwable failure) throws Exception {
        FailingFirst worker = new FailingFirst(failure);
        worker.onStartup(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> worker.rounds.get() > 3);
        worker.stop();
        assertThat(worker.rounds.get()).isGreaterThan(3);
    }

    @Test
    void stopping_wakes_a_worker_that_waits_between_rounds() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AtomicBoolean woken = new AtomicBoolean();
        CountDownLatch asleep = new CountDownLatch(1);
        BackgroundWorker sleeper = new BackgroundWorker("sleeper", Duration.ofMillis(10), Duration.ofSeconds(30)) {
            @Override
            protected boolean round() {
                rounds.incrementAndGet();
                return false;
            }

            @Override
            protected void idle() throws InterruptedException {
                try {
                    asleep.countDown();
                    Thread.sleep(Duration.ofHours(1).toMillis());
                } catch (InterruptedException e) {
                    woken.set(true);
                    throw e;
                }
            }
        };
        sleeper.onStartup(null);
        assertThat(asleep.await(10, TimeUnit.SECONDS)).as("waiting between rounds").isTrue();

        sleeper.stop();

        assertThat(woken).as("its hour's wait was cut short by the stop, not waited out").isTrue();
        assertThat(rounds.get()).as("no round after the stop").isEqualTo(1);
    }
}
