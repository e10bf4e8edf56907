package dev.atelier.adapters.inmemory;

import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.MessageBus;
import dev.atelier.application.messaging.contract.MessageBusContract;
import java.time.Duration;
import java.util.Map;

class InMemoryMessageBusContractTest extends MessageBusContract {

    private final InMemoryMessageBus bus = new InMemoryMessageBus(3, Duration.ofMillis(50));

    @Override
    protected EventPublisher publisher() {
        return bus;
    }

    @Override
    protected MessageBus bus() {
        return bus;
    }

    @Override
    protected EnvelopeReader envelopes() {
        return bus;
    }

    @Override
    protected void publishWithoutEnvelope(String key, byte[] value) {
        bus.append(STREAM, key, value, Map.of());
    }
}
