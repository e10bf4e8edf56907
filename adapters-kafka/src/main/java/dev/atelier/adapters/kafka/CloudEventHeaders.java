package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes in Kafka binary content mode: each attribute is a {@code ce_}-prefixed header
 * and the record value is the event data as it is. Written directly because the mapping is a handful of
 * headers; any CloudEvents SDK (or a plain client such as kcat) reads them.
 */
final class CloudEventHeaders {

    static final String SPEC_VERSION = "ce_specversion";
    static final String ID = "ce_id";
    static final String TYPE = "ce_type";
    static final String SOURCE = "ce_source";
    static final String TIME = "ce_time";
    static final String SUBJECT = "ce_subject";
    static final String SCHEMA_VERSION = "ce_schemaversion";
    static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    static void write(OutboundEvent event, String source, Headers headers) {
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, event.eventId().toString());
        put(headers, TYPE, event.type());
        put(headers, SOURCE, source);
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        put(headers, SUBJECT, event.key());
        put(headers, SCHEMA_VERSION, Integer.toString(event.schemaVersion()));
        put(headers, CONTENT_TYPE, "application/json");
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
