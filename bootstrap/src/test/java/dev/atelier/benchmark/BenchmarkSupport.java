package dev.atelier.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/** Figures the benchmarks print: rates, latency percentiles, process memory. */
final class BenchmarkSupport {

    private BenchmarkSupport() {
    }

    static String rate(long count, long nanos) {
        return String.format(Locale.ROOT, "%,.0f/s (%,d in %.2f s)", count / (nanos / 1e9), count, nanos / 1e9);
    }

    /** p50, p95, p99 and max of latencies given in nanoseconds, printed in milliseconds. */
    static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "no samples";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%,d samples)",
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** CPU time this JVM has spent, all its threads together. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The kernel's writeback settings. With the defaults the page cache gathers 30 s of the database's table
     * writes and writes them out at once, and the intake's worst commit stalls came in those seconds; starting
     * writeback early took most of them away (docs/performance.md, "The latency tail"). Empty off Linux.
     */
    static String kernelWriteback() {
        StringJoiner settings = new StringJoiner(", ");
        for (String name : new String[] {"dirty_background_bytes", "dirty_background_ratio", "dirty_expire_centisecs"}) {
            try {
                // Files.readString read a single character of these files on this JDK (17); readAllLines reads them.
                String value = String.join("", Files.readAllLines(Path.of("/proc/sys/vm", name))).strip();
                settings.add("vm." + name + "=" + value);
            } catch (IOException | RuntimeException e) {
                // not on Linux: nothing to say
            }
        }
        return settings.toString();
    }

    /** Resident memory of this process (the service, its embedded PostgreSQL runs in its own processes). */
    static String memory() {
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = runtime.totalMemory() - runtime.freeMemory();
        String rss = "?";
        try {
            rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("[^0-9]", "")).findFirst().map(kb -> Long.parseLong(kb) / 1024 + " MB")
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            // not on Linux: RSS unknown
        }
        return "RSS " + rss + ", heap used " + heapUsed / (1024 * 1024) + " MB of " + runtime.maxMemory() / (1024 * 1024)
                + " MB max";
    }
}
