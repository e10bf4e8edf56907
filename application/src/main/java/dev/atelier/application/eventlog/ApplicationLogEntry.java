package dev.atelier.application.eventlog;

import static dev.atelier.application.eventlog.LogEntry.millis;
import static dev.atelier.application.eventlog.LogEntry.text;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A warning or error the service logged. */
public record ApplicationLogEntry(UUID entryId, Instant loggedAt, String level, String logger, String message,
                                  String thread, String exception, String traceId) implements LogEntry {

    public ApplicationLogEntry {
        loggedAt = millis(loggedAt);
        level = text(level);
        logger = text(logger);
        message = text(message);
        thread = text(thread);
        exception = text(exception);
        traceId = text(traceId);
    }

    @Override
    public LogTable table() {
        return LogTable.APPLICATION_LOGS;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(entryId.toString(), loggedAt, level, logger, message, thread, exception, traceId);
    }
}
