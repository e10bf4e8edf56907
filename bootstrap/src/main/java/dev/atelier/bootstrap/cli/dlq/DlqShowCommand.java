package dev.atelier.bootstrap.cli.dlq;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.bootstrap.cli.support.Json;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier dlq show <id>}: everything stored about one parked message, its value included. */
@Command(name = "show",
        description = "Shows one dead letter: where it came from, why it failed, its headers and value.")
@Prototype
public class DlqShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id (a UUID, from dlq list).")
    UUID id;

    @Option(names = "--json", description = "As one JSON object, the value in base64.")
    boolean json;

    private final BeanProvider<DeadLetterOperations> operations;

    DlqShowCommand(BeanProvider<DeadLetterOperations> operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        DeadLetter letter = operations.get().get(id);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(DeadLetterDocument.of(letter)));
            return 0;
        }
        field(out, "id", letter.id());
        field(out, "status", letter.status().wireName());
        field(out, "consumer", letter.consumer());
        field(out, "topic",
                letter.source() + " (partition " + letter.partition() + ", offset " + letter.offset() + ")");
        field(out, "key", letter.key());
        field(out, "event", letter.readable() ? letter.eventType() + " " + letter.eventId() : "(unreadable)");
        field(out, "attempts", letter.attempts());
        field(out, "failed at", letter.failedAt());
        field(out, "error", letter.error());
        out.println("headers" + (letter.headers().isEmpty() ? " (none)" : ""));
        new java.util.TreeMap<>(letter.headers()).forEach((name, value) -> out.println("  " + name + ": " + value));
        String text = DeadLetterDocument.text(letter.value());
        out.println(text == null ? "value (base64)" : "value");
        out.println("  " + (text == null ? Base64.getEncoder().encodeToString(letter.value() == null ? new byte[0]
                : letter.value()) : text));
        return 0;
    }

    private static void field(PrintWriter out, String name, Object value) {
        out.printf("%-10s %s%n", name, value == null ? "" : value);
    }
}
