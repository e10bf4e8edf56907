package dev.atelier.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time a server process and its descendants (PostgreSQL's postmaster and its backends, say) spend from
 * when this reading is taken, counted process by process. Processes that end in between take their CPU time with
 * them, so this can read low: a pool keeps its connections, but autovacuum's workers and parallel query workers
 * come and go.
 */
final class ProcessTreeCpu {

    private record ProcessCpu(long nanos, Instant started) {
    }

    private final String marker;
    private final String command;
    private final Instant readAt;
    private final Map<Long, ProcessCpu> before;

    private ProcessTreeCpu(String marker, String command) {
        this.marker = marker;
        this.command = command;
        this.readAt = Instant.now();
        this.before = read();
    }

    /** From now on, the first process whose command ends with {@code command} and mentions {@code marker}. */
    static ProcessTreeCpu from(String marker, String command) {
        return new ProcessTreeCpu(marker, command);
    }

    /** Whether there was such a process when counting started. */
    boolean found() {
        return !before.isEmpty();
    }

    /**
     * What the processes spent since counting started. A process that started since counts from zero. One that
     * was running then but missing from that reading (reading a process can fail while it changes) is left out,
     * and said so, rather than counted from its start: one long-lived backend counted whole made a run report
     * more CPU for PostgreSQL than the two cores have.
     */
    long spentNanos() {
        long spent = 0;
        for (Map.Entry<Long, ProcessCpu> process : read().entrySet()) {
            ProcessCpu now = process.getValue();
            ProcessCpu then = before.get(process.getKey());
            if (then != null && then.started().equals(now.started())) {
                spent += now.nanos() - then.nanos();
            } else if (now.started().isAfter(readAt.minusSeconds(1))) {
                spent += now.nanos();
            } else {
                System.out.printf(Locale.ROOT, "  (process %d, running since %s with %.1f s of CPU, was missing from"
                        + " the first reading: left out)%n", process.getKey(), now.started(), now.nanos() / 1e9);
            }
        }
        return spent;
    }

    private Map<Long, ProcessCpu> read() {
        Optional<ProcessHandle> root = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(process -> process.info().command().map(path -> path.endsWith(command)).orElse(false))
                .findFirst();
        Map<Long, ProcessCpu> cpu = new HashMap<>();
        root.ifPresent(process -> Stream.concat(Stream.of(process), process.descendants()).forEach(each -> {
            ProcessHandle.Info info = each.info();
            cpu.put(each.pid(), new ProcessCpu(info.totalCpuDuration().map(Duration::toNanos).orElse(0L),
                    info.startInstant().orElse(Instant.EPOCH)));
        }));
        return cpu;
    }
}
