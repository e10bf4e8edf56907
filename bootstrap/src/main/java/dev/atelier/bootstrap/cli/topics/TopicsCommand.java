package dev.atelier.bootstrap.cli.topics;

import picocli.CommandLine.Command;

/** {@code atelier topics}: the Kafka topics the service is configured with, and what the broker has. */
@Command(name = "topics",
        description = "The configured Kafka topics (atelier.messaging.topics and each consumer's <consumer>.dlq).",
        subcommands = {TopicsListCommand.class, TopicsCreateCommand.class})
public class TopicsCommand {
}
