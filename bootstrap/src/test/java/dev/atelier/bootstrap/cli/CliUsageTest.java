package dev.atelier.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Help and usage errors, which need no running dependency: the commands are pointed at closed ports, and
 * none of these may get as far as connecting.
 */
class CliUsageTest {

    private static final Map<String, String> NOTHING_RUNNING = Map.of(
            "KAFKA_BROKERS", "127.0.0.1:" + Cli.closedPort(),
            "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + Cli.closedPort() + "/atelier");

    private static Cli.Result atelier(String... args) {
        return Cli.run(NOTHING_RUNNING, Map.of(), args);
    }

    @Test
    void help_lists_every_command_and_the_exit_codes() {
        Cli.Result help = atelier("--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: atelier", "doctor", "topics", "logs", "dlq", "Exit codes: 0 success");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void every_command_has_its_own_help() {
        String[][] commands = {{"doctor"}, {"topics"}, {"topics", "list"}, {"topics", "create"}, {"logs"},
                {"logs", "view"}, {"logs", "stats"}, {"dlq"}, {"dlq", "list"}, {"dlq", "show"}, {"dlq", "replay"},
                {"dlq", "discard"}};
        for (String[] command : commands) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "-h";
            Cli.Result help = atelier(args);
            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.out()).as(help.toString()).startsWith("Usage: atelier " + String.join(" ", command));
        }
        assertThat(atelier("logs", "view", "--help").out()).contains("--status", "--consumer-group", "--order-id",
                "--level", "--from", "--limit", "--json");
        assertThat(atelier("dlq", "replay", "--help").out()).contains("--all", "--consumer", "--key");
    }

    @Test
    void an_unknown_command_is_a_usage_error_with_a_suggestion() {
        Cli.Result unknown = atelier("log", "view", "kafka_logs");

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(AtelierCli.USAGE);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("Unmatched argument", "atelier logs", "Try 'atelier --help'");
    }

    @Test
    void a_group_without_its_command_is_a_usage_error() {
        Cli.Result missing = atelier("dlq");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(AtelierCli.USAGE);
        assertThat(missing.err()).contains("Missing required subcommand", "Try 'atelier dlq --help'");
    }

    @Test
    void a_filter_the_table_does_not_have_is_a_usage_error_that_names_the_table_s_filters() {
        Cli.Result wrongFilter = atelier("logs", "view", "kafka_logs", "--channel=telegram");

        assertThat(wrongFilter.exitCode()).as(wrongFilter.toString()).isEqualTo(AtelierCli.USAGE);
        assertThat(wrongFilter.err()).contains("kafka_logs cannot be filtered by 'channel'", "consumer_group",
                "Try 'atelier logs view --help'");
        assertThat(wrongFilter.out()).isEmpty();
    }

    @Test
    void malformed_values_are_usage_errors() {
        assertThat(atelier("logs", "view", "audit_logs").err()).contains("unknown log table 'audit_logs'");
        assertThat(atelier("logs", "view", "kafka_logs", "--limit=0").err()).contains("limit must be 1 to 1000");
        assertThat(atelier("logs", "stats", "--from=yesterday").err()).contains("ISO-8601");
        assertThat(atelier("dlq", "show", "not-a-uuid").err()).contains("not-a-uuid");
        assertThat(atelier("dlq", "list", "--status=lost").err()).contains("unknown status 'lost'");
        assertThat(atelier("dlq", "replay").err()).contains("either a dead letter ID or --all");
        assertThat(atelier("doctor", "--timeout=0").err()).contains("--timeout must be at least 1");
        for (String[] args : new String[][] {{"logs", "view", "audit_logs"}, {"logs", "view", "kafka_logs", "--limit=0"},
                {"logs", "stats", "--from=yesterday"}, {"dlq", "show", "not-a-uuid"}, {"dlq", "list", "--status=lost"},
                {"dlq", "replay"}, {"doctor", "--timeout=0"}}) {
            assertThat(atelier(args).exitCode()).as(String.join(" ", args)).isEqualTo(AtelierCli.USAGE);
        }
    }

    @Test
    void an_unreachable_dependency_fails_with_one_line_and_no_stack_trace() {
        Cli.Result list = atelier("dlq", "list");

        assertThat(list.exitCode()).as(list.toString()).isEqualTo(AtelierCli.FAILED);
        assertThat(list.out()).isEmpty();
        assertThat(list.err().lines()).as(list.toString()).hasSize(1);
        assertThat(list.err()).startsWith("error: ").contains("Connection refused").doesNotContain("\tat ");

        Cli.Result verbose = atelier("dlq", "list", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(AtelierCli.FAILED);
        assertThat(verbose.err()).contains("\tat ");
    }
}
