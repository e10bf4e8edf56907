package dev.atelier.bootstrap.cli.outbox;

import picocli.CommandLine.Command;

/** {@code atelier outbox}: the events waiting to be published, as {@code /api/outbox} offers them. */
@Command(name = "outbox",
        description = {"Events waiting in the outbox: list them with their failed attempts, park one the broker will "
                + "not take.",
                "A parked event goes to the dead-letter queue (consumer outbox): replay it there once its topic takes "
                        + "it, or discard it."},
        subcommands = {OutboxListCommand.class, OutboxParkCommand.class})
public class OutboxCommand {
}
