package dev.atelier.bootstrap.cli.doctor;

import dev.atelier.bootstrap.cli.support.Failures;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every check at once, each on a thread of its own, so that one dependency that does not answer neither
 * stops the others nor adds its wait to theirs; prints the results in the order given. A check that overruns
 * its time is reported as failed and left behind on a daemon thread.
 */
final class Checkup {

    /** Checks bound their own requests by the timeout; this is only the backstop for one that does not. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private Checkup() {
    }

    /** @return whether every check passed */
    static boolean run(List<Check> checks, Duration timeout, PrintWriter out, PrintWriter err, boolean verbose) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, checks.size()), daemonThreads());
        try {
            List<Future<Check.Outcome>> running = new ArrayList<>();
            checks.forEach(check -> running.add(threads.submit(check::run)));
            long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
            boolean allPassed = true;
            for (int i = 0; i < checks.size(); i++) {
                Check.Outcome outcome = await(running.get(i), deadline, timeout, err, verbose);
                print(checks.get(i).subject(), outcome, out);
                allPassed &= outcome.passed();
            }
            return allPassed;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Check.Outcome await(Future<Check.Outcome> result, long deadline, Duration timeout, PrintWriter err,
                                       boolean verbose) {
        try {
            return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return Check.Outcome.failed("no answer within " + timeout.toSeconds() + "s", List.of());
        } catch (ExecutionException e) {
            if (verbose) {
                e.getCause().printStackTrace(err);
            }
            return Check.Outcome.failed(Failures.oneLine(e.getCause()), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.Outcome.failed("interrupted", List.of());
        }
    }

    private static void print(String subject, Check.Outcome outcome, PrintWriter out) {
        if (outcome.passed()) {
            out.println("[ OK ] " + subject + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
        } else {
            out.println("[FAIL] " + subject + ": " + outcome.detail());
        }
        outcome.notes().forEach(note -> out.println("       " + note));
        out.flush();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "atelier-doctor-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
