package dev.atelier.bootstrap.cli.outbox;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.OutboxOperations;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier outbox park <position>}: moves a waiting event to the dead-letter queue. */
@Command(name = "park",
        description = {"Moves a waiting event to the dead-letter queue (consumer outbox), so that its key's later "
                + "events go out without it.",
                "Replay it with 'dlq replay <id>' once its topic takes it; it goes back to the end of the outbox."})
@Prototype
public class OutboxParkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POSITION", description = "The waiting event's position (outbox list).")
    long position;

    private final BeanProvider<OutboxOperations> operations;

    OutboxParkCommand(BeanProvider<OutboxOperations> operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        DeadLetter parked = operations.get().park(position);
        spec.commandLine().getOut().println("parked " + parked.eventType() + " " + parked.eventId() + " of key "
                + parked.key() + " as dead letter " + parked.id());
        return 0;
    }
}
