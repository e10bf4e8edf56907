package dev.atelier.adapters.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.application.messaging.PermanentFailure;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Reads snake_case JSON payloads into the consuming context's records; unknown fields are ignored. */
@Singleton
class JsonMessageDecoder implements MessageDecoder {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public <T> T decode(InboundEvent event, Class<T> type) {
        try {
            return mapper.readValue(event.payload(), type);
        } catch (IOException | RuntimeException e) {
            throw new PermanentFailure("payload of " + event.type() + " " + event.eventId() + " does not fit "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
