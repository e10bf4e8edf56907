package dev.atelier.bootstrap.cli.dlq;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The criteria {@code dlq list} and {@code dlq replay --all} share; each one given narrows the selection. */
public class DeadLetterFilterOptions {

    @Option(names = "--consumer", paramLabel = "CONSUMER",
            description = "The consumer that parked it, e.g. orders-designs.")
    String consumer;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic it was read from.")
    String topic;

    @Option(names = "--event-type", paramLabel = "TYPE", description = "Its event type, e.g. design.created.")
    String eventType;

    @Option(names = "--key", paramLabel = "KEY", description = "Its Kafka key (the aggregate id).")
    String key;

    DeadLetterFilter toFilter(DeadLetter.Status status) {
        return new DeadLetterFilter(given(consumer), given(topic), given(eventType), given(key), status);
    }

    boolean isEmpty() {
        return given(consumer) == null && given(topic) == null && given(eventType) == null && given(key) == null;
    }

    static DeadLetter.Status status(String status, CommandSpec spec) {
        try {
            return DeadLetter.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "unknown status '" + status
                    + "'; use parked, replayed or discarded");
        }
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
