package dev.atelier.bootstrap.cli.logs;

import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogStats;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.ViewingEventLog;
import dev.atelier.bootstrap.cli.support.Json;
import dev.atelier.bootstrap.cli.support.TextTable;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier logs stats}: how many entries match, counted by each filter column, and their latency. */
@Command(name = "stats",
        description = {"Counts the entries of a log table and their latency.",
                "For the entries that match the filters: the total, the count per value of each filter column, and "
                        + "latency_ms percentiles (p50, p95, p99, max) where the table has it."})
@Prototype
public class LogsStatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "kafka_logs",
            description = "kafka_logs, notification_logs or application_logs (default: ${DEFAULT-VALUE}).")
    String tableName;

    @Mixin
    LogFilterOptions filters;

    @Option(names = "--json", description = "The statistics as one JSON object.")
    boolean json;

    private final BeanProvider<ViewingEventLog> eventLog;

    LogsStatsCommand(BeanProvider<ViewingEventLog> eventLog) {
        this.eventLog = eventLog;
    }

    @Override
    public Integer call() {
        LogTable table = LogTables.named(tableName, spec);
        LogStats stats = eventLog.get().stats(filters.query(table, LogQuery.DEFAULT_LIMIT));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(document(stats)));
            return 0;
        }
        Map<String, String> given = filters.filters();
        out.println(stats.table() + ": " + stats.total() + (stats.total() == 1 ? " entry" : " entries")
                + (given.isEmpty() ? "" : " where " + given.entrySet().stream()
                        .map(filter -> filter.getKey() + "=" + filter.getValue()).collect(Collectors.joining(", "))));
        LogStats.Latency latency = stats.latency();
        if (latency != null) {
            out.println("latency_ms over " + latency.count() + ": p50 " + latency.p50() + ", p95 " + latency.p95()
                    + ", p99 " + latency.p99() + ", max " + latency.max());
        }
        stats.countsBy().forEach((column, counts) -> {
            if (counts.isEmpty()) {
                return;
            }
            out.println();
            TextTable byValue = TextTable.withColumns(column, "count");
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(count -> byValue.row(count.getKey(), count.getValue()));
            byValue.print(out);
        });
        return 0;
    }

    private static Map<String, Object> document(LogStats stats) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("table", stats.table());
        document.put("total", stats.total());
        document.put("counts_by", stats.countsBy());
        LogStats.Latency latency = stats.latency();
        if (latency == null) {
            document.put("latency", null);
        } else {
            Map<String, Object> percentiles = new LinkedHashMap<>();
            percentiles.put("count", latency.count());
            percentiles.put("p50", latency.p50());
            percentiles.put("p95", latency.p95());
            percentiles.put("p99", latency.p99());
            percentiles.put("max", latency.max());
            document.put("latency", percentiles);
        }
        return document;
    }
}
