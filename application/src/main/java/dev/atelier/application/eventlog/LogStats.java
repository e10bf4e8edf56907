package dev.atelier.application.eventlog;

import java.util.Map;

/**
 * Statistics of the entries a {@link LogQuery} matches.
 *
 * @param total    how many entries match
 * @param countsBy for each of the table's filter columns, the number of entries per non-empty value
 * @param latency  percentiles of {@code latency_ms}; null for a table without latency or when nothing matches
 */
public record LogStats(String table, long total, Map<String, Map<String, Long>> countsBy, Latency latency) {

    /**
     * Latency percentiles in milliseconds. A percentile q is the value at position floor(q·n) (counting from 0)
     * of the n matching latencies in ascending order, which is what ClickHouse's {@code quantileExact}
     * computes; every store answers with that same definition.
     */
    public record Latency(long count, long p50, long p95, long p99, long max) { }
}
