package dev.atelier.bootstrap.cli.logs;

import picocli.CommandLine.Command;

/** {@code atelier logs}: the event log, as {@code GET /api/logs} shows it. */
@Command(name = "logs",
        description = {"The event log: view entries and statistics.",
                "kafka_logs has every produce and consume outcome, notification_logs every notification attempt, "
                        + "application_logs the service's warnings and errors."},
        subcommands = {LogsViewCommand.class, LogsStatsCommand.class})
public class LogsCommand {
}
