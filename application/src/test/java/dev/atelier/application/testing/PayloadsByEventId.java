package dev.atelier.application.testing;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A decoder that hands back the payload a test put for each event id, so a handler's test needs no JSON. */
public final class PayloadsByEventId implements MessageDecoder {

    private final Map<UUID, Object> payloads = new HashMap<>();

    public void put(UUID eventId, Object payload) {
        payloads.put(eventId, payload);
    }

    @Override
    public <T> T decode(InboundEvent event, Class<T> type) {
        return type.cast(payloads.get(event.eventId()));
    }
}
