package dev.atelier.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.Money;
import jakarta.inject.Singleton;

/**
 * Writes a domain event as its published JSON payload: snake_case fields, identifiers and statuses as plain
 * strings, instants in ISO-8601. The payload format is part of the event contract, so it has a mapper of
 * its own rather than sharing the HTTP layer's configuration. The envelope fields (event id, type, time)
 * travel as headers, so they are left out of the body.
 */
@Singleton
class EventPayloads {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("atelier-identifiers").addSerializer(Identifier.class, ToStringSerializer.instance))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .build()
            .addMixIn(DomainEvent.class, EnvelopeFieldsMixin.class)
            .addMixIn(Money.class, MoneyMixin.class);

    String toJson(DomainEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.type(), e);
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"event_id", "stream", "aggregate_id", "schema_version"})
    private abstract static class EnvelopeFieldsMixin {
    }

    /** An amount is its value and currency; {@code isPositive()} is a question, not a field of the contract. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"positive"})
    private abstract static class MoneyMixin {
    }
}
