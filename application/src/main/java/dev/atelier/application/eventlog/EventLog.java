package dev.atelier.application.eventlog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes log entries from any thread without ever blocking or failing the caller, and writes them to the
 * store in batches from one background thread.
 *
 * <ul>
 *   <li>A batch is written when it holds {@code batchSize} entries or when {@code flushInterval} has passed
 *       since its first entry, whichever comes first.</li>
 *   <li>The buffer is bounded. While the store is slow or down, the batch in hand is kept and tried again
 *       every {@code retryPause}; new entries fill the buffer, and once it is full they are dropped and
 *       counted. When the store answers again, the buffer drains.</li>
 *   <li>The log is degraded while the last write failed or entries have been dropped since the last
 *       successful write; health shows it, the business flows do not notice it.</li>
 * </ul>
 */
public final class EventLog implements AutoCloseable {

    /** The writer's own logger; the application-log appender leaves it out so that a failing store cannot feed itself. */
    public static final String WRITER_LOGGER = EventLog.class.getName();

    private static final System.Logger LOG = System.getLogger(WRITER_LOGGER);

    /** How often a store that answers may refuse the same batch before it is dropped. */
    static final int MAX_REFUSALS = 3;

    /** How often a waiting writer looks whether a flush was asked for. */
    private static final Duration POLL_SLICE = Duration.ofMillis(20);

    /** @param retention entries older than this are deleted now and then; zero keeps them for ever */
    public record Settings(int capacity, int batchSize, Duration flushInterval, Duration retryPause,
                           Duration retention) {
        public Settings {
            if (capacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("capacity and batch size must be positive");
            }
            if (retention.isNegative()) {
                throw new IllegalArgumentException("retention must not be negative");
            }
        }

        public Settings(int capacity, int batchSize, Duration flushInterval, Duration retryPause) {
            this(capacity, batchSize, flushInterval, retryPause, Duration.ZERO);
        }
    }

    /** How often old entries are deleted, when a retention is set. */
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    /**
     * What health and operators see.
     *
     * @param degraded  the last write failed, or entries were dropped since the last successful write
     * @param buffered  entries waiting, including the batch being written
     * @param dropped   entries dropped since start because the buffer was full
     * @param written   entries written since start
     * @param lastError why the last write failed; null after a success
     */
    public record Status(String store, boolean degraded, int buffered, int capacity, long dropped, long written,
                         String lastError, Instant lastWriteAt) { }

    private final EventLogStore store;
    private final Settings settings;
    private final Clock clock;
    private final BlockingQueue<LogEntry> buffer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Object writerLock = new Object();
    private volatile int inHand;
    private volatile long droppedAtLastWrite;
    private volatile String lastError;
    private volatile Instant lastWriteAt;
    private volatile boolean prepared;
    private volatile boolean accepting = true;
    private volatile boolean flushRequested;
    private int refusals;
    private Instant nextPurge = Instant.MIN;
    private volatile boolean running;
    private Thread writer;

    public EventLog(EventLogStore store, Settings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.buffer = new ArrayBlockingQueue<>(settings.capacity());
    }

    /** Never blocks and never throws: when the buffer is full the entry is dropped and counted. */
    public void record(LogEntry entry) {
        if (!accepting || !buffer.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::writeUntilStopped, "event-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public Status status() {
        long droppedNow = dropped.get();
        boolean degraded = lastError != null || droppedNow > droppedAtLastWrite;
        return new Status(store.describe(), degraded, buffer.size() + inHand, settings.capacity(), droppedNow,
                written.get(), lastError, lastWriteAt);
    }

    /**
     * Writes everything buffered so far, waiting at most {@code timeout}; true when the buffer is empty at the
     * end. Used on shutdown and by operators who want a log that is up to date now.
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        flushRequested = true;
        try {
            return waitUntilEmpty(deadline);
        } finally {
            flushRequested = false;
        }
    }

    private boolean waitUntilEmpty(long deadline) {
        while (System.nanoTime() < deadline) {
            if (buffer.isEmpty() && inHand == 0) {
                return true;
            }
            synchronized (writerLock) {
                try {
                    writerLock.wait(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return buffer.isEmpty() && inHand == 0;
    }

    /** Stops taking entries, writes what is buffered within {@code timeout}, then stops the writer. */
    public void close(Duration timeout) {
        accepting = false;
        boolean drained = flush(timeout);
        Thread thread;
        synchronized (this) {
            running = false;
            thread = writer;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int lost = buffer.size() + inHand;
        if (!drained && lost > 0) {
            LOG.log(System.Logger.Level.WARNING, "Event log stopped with {0} entries not written to {1}", lost,
                    store.describe());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void writeUntilStopped() {
        List<LogEntry> batch = new ArrayList<>(settings.batchSize());
        while (running) {
            try {
                if (batch.isEmpty()) {
                    collect(batch);
                }
                if (!batch.isEmpty() && write(batch)) {
                    batch.clear();
                }
                purgeNowAndThen();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException unexpected) {
                LOG.log(System.Logger.Level.ERROR, "Event log writer failed unexpectedly; it carries on", unexpected);
            }
        }
    }

    /**
     * Waits for a first entry, then gathers more until the batch is full, the flush interval has passed, or
     * someone asked for a flush.
     */
    private void collect(List<LogEntry> batch) throws InterruptedException {
        LogEntry first = buffer.poll(POLL_SLICE.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        buffer.drainTo(batch, settings.batchSize() - batch.size());
        inHand = batch.size();
        long deadline = System.nanoTime() + settings.flushInterval().toNanos();
        // A flush only stops the waiting for more; what is already buffered still goes out in full batches.
        while (batch.size() < settings.batchSize() && !flushRequested) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LogEntry next = buffer.poll(Math.min(left, POLL_SLICE.toNanos()), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                buffer.drainTo(batch, settings.batchSize() - batch.size());
                inHand = batch.size();
            }
        }
    }

    /**
     * Writes the batch table by table; a table written is removed from the batch, so a retry after a partial
     * failure writes only what is missing. Returns false (after pausing) when the store did not take it all.
     */
    private boolean write(List<LogEntry> batch) throws InterruptedException {
        try {
            if (!prepared) {
                store.prepare();
                prepared = true;
            }
            for (Map.Entry<LogTable, List<LogEntry>> table : byTable(batch).entrySet()) {
                store.append(table.getKey(), table.getValue());
                batch.removeIf(entry -> entry.table() == table.getKey());
                inHand = batch.size();
                written.addAndGet(table.getValue().size());
            }
            if (lastError != null) {
                LOG.log(System.Logger.Level.INFO, "Event log is writing to {0} again", store.describe());
            }
            lastError = null;
            refusals = 0;
            lastWriteAt = clock.instant();
            droppedAtLastWrite = dropped.get();
            synchronized (writerLock) {
                writerLock.notifyAll();
            }
            return true;
        } catch (RuntimeException failure) {
            if (lastError == null) {
                LOG.log(System.Logger.Level.WARNING, "Event log cannot write to {0}; keeping up to {1} entries until it "
                        + "answers: {2}", store.describe(), settings.capacity(), failure.getMessage());
            }
            lastError = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            if (refusedAgain()) {
                LOG.log(System.Logger.Level.WARNING, "{0} answers but refused the same {1} entries {2} times; "
                        + "dropping them: {3}", store.describe(), batch.size(), MAX_REFUSALS, lastError);
                dropped.addAndGet(batch.size());
                batch.clear();
                inHand = 0;
                return true;
            }
            Thread.sleep(settings.retryPause().toMillis());
            return false;
        }
    }

    /** Deletes entries past their retention, once an hour, from the writer's thread so it never competes with it. */
    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (settings.retention().isZero() || !prepared || now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        try {
            store.purgeBefore(now.minus(settings.retention()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Event log could not delete entries older than {0}: {1}",
                    settings.retention(), e.getMessage());
        }
    }

    /**
     * A store that is down gets its batch again and again, however long it takes. A store that answers but
     * keeps refusing the same batch never will take it, and must not stall the log: after a few refusals the
     * batch is dropped (and counted).
     */
    private boolean refusedAgain() {
        boolean reachable;
        try {
            store.check();
            reachable = true;
        } catch (RuntimeException unreachable) {
            reachable = false;
        }
        refusals = reachable && prepared ? refusals + 1 : 0;
        if (refusals >= MAX_REFUSALS) {
            refusals = 0;
            return true;
        }
        return false;
    }

    private static Map<LogTable, List<LogEntry>> byTable(List<LogEntry> batch) {
        Map<LogTable, List<LogEntry>> tables = new EnumMap<>(LogTable.class);
        for (LogEntry entry : batch) {
            tables.computeIfAbsent(entry.table(), table -> new ArrayList<>()).add(entry);
        }
        return tables;
    }
}
