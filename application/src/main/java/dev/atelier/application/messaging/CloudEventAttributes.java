package dev.atelier.application.messaging;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The envelope of every event as CloudEvents 1.0 attributes, independent of any broker: each adapter
 * writes these names in its protocol binding (Kafka: {@code ce_<name>} headers) and reads them back here.
 * Beyond the core attributes: {@code traceparent} (distributed-tracing extension), {@code correlationid},
 * {@code causationid} and {@code schemaversion}.
 */
public final class CloudEventAttributes {

    public static final String SPEC_VERSION = "specversion";
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String SOURCE = "source";
    public static final String TIME = "time";
    public static final String SUBJECT = "subject";
    public static final String SCHEMA_VERSION = "schemaversion";
    public static final String TRACEPARENT = "traceparent";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";

    private CloudEventAttributes() {
    }

    public static Map<String, String> of(OutboundEvent event, String source) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SPEC_VERSION, "1.0");
        attributes.put(ID, event.eventId().toString());
        attributes.put(TYPE, event.type());
        attributes.put(SOURCE, source);
        attributes.put(TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        attributes.put(SUBJECT, event.key());
        attributes.put(SCHEMA_VERSION, Integer.toString(event.schemaVersion()));
        attributes.put(TRACEPARENT, event.context().traceparent());
        attributes.put(CORRELATION_ID, event.context().correlationId());
        if (event.context().causationId() != null) {
            attributes.put(CAUSATION_ID, event.context().causationId());
        }
        return attributes;
    }

    /**
     * Reads an event from its attributes. {@code id} and {@code type} are required; a missing time falls back
     * to {@code receivedAt}, a missing schema version to 1, a missing trace or correlation to a new one.
     *
     * @throws EnvelopeReader.UnreadableMessage when a required attribute is missing or malformed
     */
    public static InboundEvent read(Map<String, String> attributes, InboundEvent.Delivery delivery, Instant receivedAt) {
        String id = attributes.get(ID);
        String type = attributes.get(TYPE);
        if (id == null || id.isBlank()) {
            throw new EnvelopeReader.UnreadableMessage("no event id (CloudEvents attribute 'id')");
        }
        if (type == null || type.isBlank()) {
            throw new EnvelopeReader.UnreadableMessage("no event type (CloudEvents attribute 'type')");
        }
        if (delivery.value() == null) {
            throw new EnvelopeReader.UnreadableMessage("no payload");
        }
        try {
            String time = attributes.get(TIME);
            String schemaVersion = attributes.get(SCHEMA_VERSION);
            String subject = attributes.get(SUBJECT);
            return new InboundEvent(UUID.fromString(id), type, subject != null ? subject : delivery.key(),
                    schemaVersion == null ? 1 : Integer.parseInt(schemaVersion),
                    time == null ? receivedAt : Instant.parse(time), delivery.value(),
                    MessageContext.continuing(attributes.get(TRACEPARENT), attributes.get(CORRELATION_ID),
                            attributes.get(CAUSATION_ID)),
                    delivery);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new EnvelopeReader.UnreadableMessage("malformed envelope: " + e.getMessage());
        }
    }
}
