package dev.atelier.bootstrap.cli;

import dev.atelier.bootstrap.cli.dlq.DlqCommand;
import dev.atelier.bootstrap.cli.outbox.OutboxCommand;
import dev.atelier.bootstrap.cli.doctor.DoctorCommand;
import dev.atelier.bootstrap.cli.logs.LogsCommand;
import dev.atelier.bootstrap.cli.support.Verbosity;
import dev.atelier.bootstrap.cli.topics.TopicsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command tree. Options declared here with an inherited scope apply to every command. */
@Command(name = "atelier",
        description = {"Operator commands for Atelier. Without a command, java -jar atelier.jar starts the service.",
                "The commands read the service's configuration (application.yml and the same environment variables: "
                        + "KAFKA_BROKERS, DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD, CLICKHOUSE_URL, ...). "
                        + "Without KAFKA_BROKERS / DATABASE_URL they connect to the embedded Kafka and PostgreSQL of "
                        + "a service running on this machine (ATELIER_EMBEDDED_KAFKA_PORT, "
                        + "ATELIER_EMBEDDED_POSTGRES_PORT)."},
        subcommands = {DoctorCommand.class, TopicsCommand.class, LogsCommand.class, DlqCommand.class,
                OutboxCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a check or an operation failed (or a dependency cannot be reached), "
                + "2 usage error."})
public class AtelierCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = Verbosity.OPTION, scope = ScopeType.INHERIT,
            description = "Also show the libraries' warnings, and the stack trace of a failure, on stderr.")
    boolean verbose;
}
