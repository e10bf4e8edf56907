package dev.atelier.bootstrap.relay;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loop on a thread of its own, started with the service: work in rounds back to back while a round finds
 * something to do; {@link #idle()} when it finds nothing; pause after a failure (database or broker away) so
 * the log is not flooded. Stopping lets the round in hand finish (its transaction commits) — the thread is
 * never interrupted mid-round, only while idle — and waits at most the given time.
 */
abstract class BackgroundWorker {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration failurePause;
    private final Duration stopWithin;
    private volatile boolean running;
    /** Set while the loop waits between rounds: only then may {@link #stop()} interrupt it. */
    private volatile boolean idling;
    private Thread thread;

    BackgroundWorker(String name, Duration failurePause, Duration stopWithin) {
        this.name = name;
        this.failurePause = failurePause;
        this.stopWithin = stopWithin;
    }

    /** One round; returns true when it found work, so the next round follows at once. */
    protected abstract boolean round();

    /** What to do when a round found nothing: sleep, or wait for a signal. */
    protected abstract void idle() throws InterruptedException;

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        if (thread == null) {
            running = true;
            thread = new Thread(this::loop, name);
            thread.start();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!round()) {
                    idling = true;
                    if (!running) {
                        return;
                    }
                    try {
                        idle();
                    } finally {
                        idling = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} failed, trying again in {}: {}", name, failurePause, e.getMessage());
                if (!pause()) {
                    return;
                }
            } catch (Error e) {
                // A thread that ends here would leave the service up with nothing relaying or dispatching. Errors
                // a round can raise and survive exist: Kafka's producer 3.9 recurses without end in a send's
                // future when a topic's max.message.bytes is below the producer's batch.size (KAFKA-8350).
                log.error("{} failed, trying again in {}", name, failurePause, e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** @return false when interrupted: the worker is being stopped */
    private boolean pause() {
        try {
            Thread.sleep(failurePause.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A worker waiting between rounds (for a signal, or a poll that may be long) is woken at once; one in the middle
     * of a round finishes it first.
     */
    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            if (idling) {
                thread.interrupt();
            }
            thread.join(stopWithin.toMillis());
            if (thread.isAlive()) {
                log.warn("{} did not stop within {}", name, stopWithin);
            }
            thread = null;
        }
    }
}
