package dev.atelier.bootstrap.wiring;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.application.sandbox.ParticipantLedger;
import dev.atelier.application.sandbox.SandboxParticipant;
import dev.atelier.application.sandbox.SandboxRules;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Sandbox participants: on in embedded mode, off otherwise unless SANDBOX_ENABLED=true. */
@Factory
@Requires(property = "atelier.sandbox.enabled", value = "true")
class SandboxFactory {

    private final SandboxRules rules = new SandboxRules();

    @Singleton
    @Named("inventory")
    SandboxParticipant inventory(ParticipantLedger ledger, EventOutbox outbox, MessageDecoder decoder, Clock clock,
                                 @Value("${atelier.sandbox.latency:0ms}") Duration latency) {
        return new SandboxParticipant("inventory", rules, ledger, outbox, decoder, latency, clock);
    }

    @Singleton
    @Named("payments")
    SandboxParticipant payments(ParticipantLedger ledger, EventOutbox outbox, MessageDecoder decoder, Clock clock,
                                @Value("${atelier.sandbox.latency:0ms}") Duration latency) {
        return new SandboxParticipant("payments", rules, ledger, outbox, decoder, latency, clock);
    }

    @Singleton
    @Named("assembly")
    SandboxParticipant assembly(ParticipantLedger ledger, EventOutbox outbox, MessageDecoder decoder, Clock clock,
                                @Value("${atelier.sandbox.latency:0ms}") Duration latency) {
        return new SandboxParticipant("assembly", rules, ledger, outbox, decoder, latency, clock);
    }
}
