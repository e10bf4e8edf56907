package dev.atelier.bootstrap.cli.doctor;

import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.bootstrap.cli.kafka.ConfiguredTopics;
import dev.atelier.bootstrap.cli.kafka.KafkaAdmin;
import dev.atelier.bootstrap.cli.support.Verbosity;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier doctor}: can the service reach everything it needs, and is it all as configured? */
@Command(name = "doctor",
        description = {"Checks that the service's dependencies answer and are as configured.",
                "One line per check: PostgreSQL (connect, SELECT 1, schema version), Kafka (the brokers answer), "
                        + "the configured "
                        + "topics (exist with their partitions, DLQ topics included), the lag of each consumer "
                        + "group, and the event log (ClickHouse when CLICKHOUSE_URL is set, otherwise PostgreSQL).",
                "Every check runs, each within --timeout. Exit code 0 when all pass, 1 when any fails."})
@Prototype
public class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long each check may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Verbosity verbosity;
    private final KafkaDefaultConfiguration kafkaSettings;
    private final BeanProvider<ConfiguredTopics> configuredTopics;
    private final BeanProvider<EventLogStore> eventLogStore;
    private final String jdbcUrl;
    private final String jdbcUsername;
    private final String jdbcPassword;

    DoctorCommand(Verbosity verbosity, KafkaDefaultConfiguration kafkaSettings,
                  BeanProvider<ConfiguredTopics> configuredTopics,
                  BeanProvider<EventLogStore> eventLogStore,
                  @Value("${datasources.default.url}") String jdbcUrl,
                  @Value("${datasources.default.username:}") String jdbcUsername,
                  @Value("${datasources.default.password:}") String jdbcPassword) {
        this.verbosity = verbosity;
        this.kafkaSettings = kafkaSettings;
        this.configuredTopics = configuredTopics;
        this.eventLogStore = eventLogStore;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUsername = jdbcUsername;
        this.jdbcPassword = jdbcPassword;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        List<Check> checks = new ArrayList<>();
        checks.add(new PostgresCheck(jdbcUrl, jdbcUsername, jdbcPassword, timeout));
        KafkaAdmin kafka = null;
        try {
            kafka = KafkaAdmin.connect(kafkaSettings, timeout);
            checks.add(new KafkaClusterCheck(kafka));
            checks.add(new TopicsCheck(kafka, configuredTopics));
            checks.add(new ConsumerLagCheck(kafka, configuredTopics));
        } catch (RuntimeException unusableSettings) {
            String servers = KafkaAdmin.bootstrapServers(kafkaSettings);
            checks.add(Check.failing("kafka " + servers, unusableSettings));
            checks.add(Check.failing("topics", unusableSettings));
            checks.add(Check.failing("consumer lag", unusableSettings));
        }
        checks.add(eventLogCheck());
        try {
            boolean passed = Checkup.run(checks, timeout, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    verbosity.verbose());
            return passed ? 0 : 1;
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private Check eventLogCheck() {
        try {
            return new EventLogCheck(eventLogStore.get());
        } catch (RuntimeException e) {
            return Check.failing("event log", e);
        }
    }
}
