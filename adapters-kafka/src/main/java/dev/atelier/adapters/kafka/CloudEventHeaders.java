package dev.atelier.adapters.kafka;

import dev.atelier.application.messaging.CloudEventAttributes;
import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.OutboundEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents Kafka protocol binding, binary content mode: every attribute is a {@code ce_}-prefixed
 * header, the record value is the event data as it is, {@code content-type} says what the data is. W3C
 * {@code traceparent} travels under its own name, so tracing tools that know nothing of CloudEvents find it.
 * Written by hand because the binding is a few headers; any CloudEvents SDK, or a plain client such as
 * kcat, reads the result.
 */
@Singleton
class CloudEventHeaders implements EnvelopeReader {

    static final String PREFIX = "ce_";
    static final String CONTENT_TYPE = "content-type";

    static void write(OutboundEvent event, String source, Headers headers) {
        CloudEventAttributes.of(event, source).forEach((name, value) -> headers.add(headerName(name),
                value.getBytes(StandardCharsets.UTF_8)));
        headers.add(CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
    }

    /** Every header as text; see {@link WireText} for what is not. */
    static Map<String, String> asStrings(Headers headers) {
        Map<String, String> strings = new LinkedHashMap<>();
        for (Header header : headers) {
            strings.put(WireText.of(header.key()), WireText.of(header.value()));
        }
        return strings;
    }

    @Override
    public InboundEvent read(InboundEvent.Delivery delivery) {
        Map<String, String> attributes = new LinkedHashMap<>();
        delivery.headers().forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                attributes.put(name.substring(PREFIX.length()), value);
            } else if (name.equals(CloudEventAttributes.TRACEPARENT)) {
                attributes.put(name, value);
            }
        });
        return CloudEventAttributes.read(attributes, delivery, Instant.now());
    }

    private static String headerName(String attribute) {
        return attribute.equals(CloudEventAttributes.TRACEPARENT) ? attribute : PREFIX + attribute;
    }
}
