package dev.atelier.bootstrap.wiring;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

@Factory
class CoreFactory {

    /** Microsecond ticks: PostgreSQL keeps microseconds, so what a response shows is what a later read returns. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
