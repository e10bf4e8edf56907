package dev.atelier.bootstrap.cli.dlq;

import picocli.CommandLine.Command;

/** {@code atelier dlq}: parked messages, as {@code /api/dlq} offers them. */
@Command(name = "dlq",
        description = {"Parked messages (the dead-letter queue): list, show, replay, discard.",
                "A parked message is one a consumer could not handle; a replay runs it through that consumer's own "
                        + "handler and inbox.",
                "Events a replay causes go to the outbox; the running service's relay publishes them."},
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class, DlqDiscardCommand.class})
public class DlqCommand {
}
