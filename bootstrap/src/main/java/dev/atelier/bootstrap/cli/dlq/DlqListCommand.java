package dev.atelier.bootstrap.cli.dlq;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.bootstrap.cli.support.Json;
import dev.atelier.bootstrap.cli.support.TextTable;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier dlq list}: parked (or replayed, or discarded) messages, oldest first. */
@Command(name = "list", description = "Lists dead letters that match the filters, oldest first.")
@Prototype
public class DlqListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DeadLetterFilterOptions filter;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "parked",
            description = "parked, replayed or discarded (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + PageRequest.DEFAULT_SIZE,
            description = "At most this many, 1 to " + PageRequest.MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per dead letter and line, with every field.")
    boolean json;

    private final BeanProvider<DeadLetterOperations> operations;

    DlqListCommand(BeanProvider<DeadLetterOperations> operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        DeadLetterFilter criteria = filter.toFilter(DeadLetterFilterOptions.status(status, spec));
        Page<DeadLetter> page = operations.get().list(criteria, new PageRequest(1, limit));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            page.items().forEach(letter -> out.println(Json.line(DeadLetterDocument.of(letter))));
            return 0;
        }
        if (page.items().isEmpty()) {
            out.println("no " + status + " dead letters match");
            return 0;
        }
        TextTable table = TextTable.withColumns("id", "consumer", "topic", "key", "event_type", "attempts",
                "failed_at", "status", "error");
        page.items().forEach(letter -> table.row(letter.id(), letter.consumer(),
                letter.source() + "/" + letter.partition() + "@" + letter.offset(), letter.key(),
                letter.eventType() == null ? "(unreadable)" : letter.eventType(), letter.attempts(),
                letter.failedAt(), letter.status().wireName(), letter.error()));
        table.print(out);
        if (page.total() > page.items().size()) {
            out.println();
            out.println("showing " + page.items().size() + " of " + page.total()
                    + "; use --limit or filters for the others");
        }
        return 0;
    }
}
