package dev.atelier.bootstrap.cli.dlq;

import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterOperations;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code atelier dlq replay <id>} or {@code --all}: hands parked messages back to the consumer that parked
 * them, through its inbox, in this process; the events that causes are written to the outbox, and the running
 * service's relay publishes them.
 */
@Command(name = "replay",
        description = {"Replays parked messages through the consumer that parked them.",
                "A replay runs the consumer's own handler through its inbox (so an "
                + "event handled meanwhile is not handled twice). The key's later parked messages follow in their "
                + "original order; the replay of a key stops at the first message that fails again.",
                "An event parked from the outbox (consumer outbox) goes back to the end of the outbox instead.",
                "With --all, replays every parked message that matches the filters; events parked from the outbox "
                        + "only when --consumer=outbox names them.",
                "Exit code 0 when everything replayed, 1 when a message failed again (it stays parked)."})
@Prototype
public class DlqReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The dead letter to replay.")
    UUID id;

    @Option(names = "--all", description = "Replay every parked message that matches the filters.")
    boolean all;

    @Mixin
    DeadLetterFilterOptions filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "With --all: at most this many messages (default: ${DEFAULT-VALUE}).")
    int limit;

    private final BeanProvider<DeadLetterOperations> operations;

    DlqReplayCommand(BeanProvider<DeadLetterOperations> operations) {
        this.operations = operations;
    }

    @Override
    public Integer call() {
        if ((id == null) == !all) {
            throw new ParameterException(spec.commandLine(), "give either a dead letter ID or --all");
        }
        if (id != null && !filter.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "filters go with --all, not with an ID");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        DeadLetterOperations.ReplayReport report = id != null
                ? operations.get().replay(id)
                : operations.get().replayMatching(filter.toFilter(DeadLetter.Status.PARKED), limit);
        PrintWriter out = spec.commandLine().getOut();
        if (report.replayed().isEmpty() && report.failed().isEmpty()) {
            out.println("nothing to replay");
            return 0;
        }
        report.replayed().forEach(replayed -> out.println("replayed " + replayed));
        report.failed().forEach(failed -> out.println("failed   " + failed.deadLetterId() + ": " + failed.error()));
        out.println(report.replayed().size() + " replayed, " + report.failed().size()
                + " failed again and stay parked");
        return report.failed().isEmpty() ? 0 : 1;
    }
}
