package dev.atelier.adapters.http.eventlog;

import dev.atelier.adapters.http.AtelierApi;
import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogStats;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.ViewingEventLog;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event log for operators: {@code GET /api/logs/{table}} lists the newest entries matching the filters,
 * {@code GET /api/logs/stats} counts them and gives latency percentiles. Either store answers the same.
 */
@Controller("/api/logs")
@ProblemResponses
@SecurityRequirement(name = AtelierApi.OPERATOR_TOKEN)
@ExecuteOn(TaskExecutors.BLOCKING)
class EventLogController {

    private static final List<String> RANGE_AND_LIMIT = List.of("from", "to", "limit");

    private final ViewingEventLog eventLog;

    EventLogController(ViewingEventLog eventLog) {
        this.eventLog = eventLog;
    }

    /** Counts and latency of one table (default {@code kafka_logs}), with the same filters as a listing. */
    @Get("/stats")
    LogStats stats(HttpRequest<?> request) {
        String table = request.getParameters().getFirst("table").orElse(LogTable.KAFKA_LOGS.tableName());
        return eventLog.stats(query(table(table), request, List.of("table")));
    }

    @Get("/{table}")
    Map<String, Object> list(@PathVariable String table, HttpRequest<?> request) {
        LogQuery query = query(table(table), request, List.of());
        List<Map<String, Object>> rows = eventLog.find(query);
        return Map.of("table", query.table().tableName(), "count", rows.size(), "limit", query.limit(),
                "entries", rows);
    }

    private static LogTable table(String name) {
        return LogTable.named(name).orElseThrow(() -> new NotFoundException("log table (one of "
                + String.join(", ", LogTable.names()) + ")", "'" + name + "'"));
    }

    /** Every query parameter must mean something for the table: a misspelt filter is an error, not ignored. */
    private static LogQuery query(LogTable table, HttpRequest<?> request, List<String> alsoAllowed) {
        Map<String, String> filters = new TreeMap<>();
        for (String name : request.getParameters().names()) {
            if (RANGE_AND_LIMIT.contains(name) || alsoAllowed.contains(name)) {
                continue;
            }
            if (!table.filterColumns().contains(name)) {
                throw new InvalidValueException(name, "unknown parameter '" + name + "' for " + table.tableName()
                        + "; use " + table.filterColumns() + ", from, to or limit");
            }
            request.getParameters().getFirst(name).filter(value -> !value.isEmpty())
                    .ifPresent(value -> filters.put(name, value));
        }
        return new LogQuery(table, filters, instant(request, "from"), instant(request, "to"),
                limit(request.getParameters().getFirst("limit").orElse(null)));
    }

    private static Instant instant(HttpRequest<?> request, String name) {
        String text = request.getParameters().getFirst(name).orElse("");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(name, name + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z, got '"
                    + text + "'");
        }
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return LogQuery.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("limit", "limit must be a whole number, got '" + text + "'");
        }
    }
}
