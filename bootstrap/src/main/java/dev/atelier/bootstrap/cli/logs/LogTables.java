package dev.atelier.bootstrap.cli.logs;

import dev.atelier.application.eventlog.LogTable;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Log tables by the name an operator types, and the columns worth a table's width on a terminal. */
final class LogTables {

    private LogTables() {
    }

    static LogTable named(String name, CommandSpec spec) {
        return LogTable.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown log table '" + name + "'; use one of " + String.join(", ", LogTable.names())));
    }

    /** The columns {@code logs view} prints; {@code --json} prints them all. */
    static List<String> shownColumns(LogTable table) {
        return switch (table) {
            case KAFKA_LOGS -> List.of("logged_at", "direction", "status", "topic", "partition", "offset",
                    "event_type", "consumer_group", "message_key", "attempt", "latency_ms", "error");
            case NOTIFICATION_LOGS -> List.of("logged_at", "status", "channel", "event_type", "order_id", "recipient",
                    "attempt", "http_status", "latency_ms", "error");
            case APPLICATION_LOGS -> List.of("logged_at", "level", "logger", "message", "thread", "trace_id");
        };
    }
}
