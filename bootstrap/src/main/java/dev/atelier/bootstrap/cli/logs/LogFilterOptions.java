package dev.atelier.bootstrap.cli.logs;

import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The filters of a log view, one option per filter column of the three tables. Which apply depends on the
 * table; {@link LogQuery} refuses one the table does not have, and that refusal is a usage error.
 */
public class LogFilterOptions {

    @Option(names = "--status", paramLabel = "STATUS",
            description = "kafka_logs: success, failed, retried, duplicate, dlq, skipped; "
                    + "notification_logs: sent, retried, failed.")
    String status;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "kafka_logs: the Kafka topic.")
    String topic;

    @Option(names = "--event-type", paramLabel = "TYPE",
            description = "kafka_logs, notification_logs: the event type, e.g. order.created.")
    String eventType;

    @Option(names = "--consumer-group", paramLabel = "CONSUMER",
            description = "kafka_logs: the consumer (e.g. orders-designs); empty for produced messages.")
    String consumerGroup;

    @Option(names = "--direction", paramLabel = "DIRECTION", description = "kafka_logs: produce or consume.")
    String direction;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "notification_logs: log, telegram or webhook.")
    String channel;

    @Option(names = "--order-id", paramLabel = "ID", description = "notification_logs: the order.")
    String orderId;

    @Option(names = "--level", paramLabel = "LEVEL", description = "application_logs: WARN or ERROR.")
    String level;

    @Option(names = "--logger", paramLabel = "LOGGER", description = "application_logs: the logger's name.")
    String logger;

    @Option(names = "--from", paramLabel = "ISO", converter = IsoInstantConverter.class,
            description = "Entries logged at or after this instant, e.g. 2026-11-22T10:00:00Z.")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO", converter = IsoInstantConverter.class,
            description = "Entries logged before this instant.")
    Instant to;

    /** The filters given, by column name; an empty value filters nothing, as in the REST API. */
    Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "status", status);
        put(filters, "topic", topic);
        put(filters, "event_type", eventType);
        put(filters, "consumer_group", consumerGroup);
        put(filters, "direction", direction);
        put(filters, "channel", channel);
        put(filters, "order_id", orderId);
        put(filters, "level", level);
        put(filters, "logger", logger);
        return filters;
    }

    /** @throws dev.atelier.domain.shared.InvalidValueException for a filter the table does not have */
    LogQuery query(LogTable table, int limit) {
        return new LogQuery(table, filters(), from, to, limit);
    }

    private static void put(Map<String, String> filters, String column, String value) {
        if (value != null && !value.isEmpty()) {
            filters.put(column, value);
        }
    }
}
