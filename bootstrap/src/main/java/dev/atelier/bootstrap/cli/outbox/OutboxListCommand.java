package dev.atelier.bootstrap.cli.outbox;

import dev.atelier.application.messaging.OutboxBacklog.WaitingEvent;
import dev.atelier.application.messaging.OutboxOperations;
import dev.atelier.bootstrap.cli.support.TextTable;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier outbox list}: the oldest waiting events, with why they have not gone out. */
@Command(name = "list", description = "Lists the oldest events waiting in the outbox, oldest first.")
@Prototype
public class OutboxListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + OutboxOperations.DEFAULT_LIMIT,
            description = "At most this many, 1 to " + OutboxOperations.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    private final BeanProvider<OutboxOperations> operations;

    OutboxListCommand(BeanProvider<OutboxOperations> operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        List<WaitingEvent> waiting = operations.get().oldest(limit);
        PrintWriter out = spec.commandLine().getOut();
        if (waiting.isEmpty()) {
            out.println("the outbox is empty: every event is published");
            return 0;
        }
        TextTable table = TextTable.withColumns("position", "event_type", "stream", "key", "created_at",
                "failed_attempts", "last_error");
        waiting.forEach(event -> table.row(event.event().position(), event.event().type(), event.event().stream(),
                event.event().key(), event.createdAt(), event.failedAttempts(),
                event.lastError() == null ? "" : event.lastError()));
        table.print(out);
        return 0;
    }
}
