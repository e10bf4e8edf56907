package dev.atelier.bootstrap.cli.dlq;

import dev.atelier.application.messaging.DeadLetterOperations;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier dlq discard <id>}: gives up on a parked message; it is kept, marked discarded. */
@Command(name = "discard",
        description = {"Discards a parked message: it is never handled, and stays on record as discarded.",
                "Later parked messages of its key stay parked until they are replayed or discarded."})
@Prototype
public class DlqDiscardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dead letter to discard.")
    UUID id;

    private final BeanProvider<DeadLetterOperations> operations;

    DlqDiscardCommand(BeanProvider<DeadLetterOperations> operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        operations.get().discard(id);
        spec.commandLine().getOut().println("discarded " + id);
        return 0;
    }
}
