package dev.atelier.adapters.http.problem;

import dev.atelier.application.eventlog.EventLogUnavailableException;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.shared.UnprocessableException;
import dev.atelier.domain.shared.IllegalTransitionException;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * How the outcomes the core can end with map to HTTP: a value a rule rejects is a 400 naming the field, a
 * missing aggregate a 404, a stale version or a refused transition a 409, a well-formed request the
 * business cannot accept a 422, an event log that cannot be read a 503. In every case nothing was written.
 */
final class DomainProblemHandlers {

    private DomainProblemHandlers() {
    }

    @Singleton
    static class InvalidValue implements ExceptionHandler<InvalidValueException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, InvalidValueException e) {
            return Problems.of(request, HttpStatus.BAD_REQUEST, "invalid-value", e.getMessage(),
                    List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
    }

    @Singleton
    static class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, NotFoundException e) {
            return Problems.of(request, HttpStatus.NOT_FOUND, "not-found", e.getMessage(), List.of());
        }
    }

    @Singleton
    static class StaleVersion implements ExceptionHandler<StaleVersionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, StaleVersionException e) {
            return Problems.of(request, HttpStatus.CONFLICT, "stale-version", e.getMessage(), List.of());
        }
    }

    @Singleton
    static class Unprocessable implements ExceptionHandler<UnprocessableException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, UnprocessableException e) {
            return Problems.of(request, HttpStatus.UNPROCESSABLE_ENTITY, "unprocessable", e.getMessage(), List.of());
        }
    }

    @Singleton
    static class EventLogUnavailable implements ExceptionHandler<EventLogUnavailableException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, EventLogUnavailableException e) {
            return Problems.of(request, HttpStatus.SERVICE_UNAVAILABLE, "event-log-unavailable", e.getMessage(),
                    List.of());
        }
    }

    @Singleton
    static class IllegalTransition implements ExceptionHandler<IllegalTransitionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, IllegalTransitionException e) {
            return Problems.of(request, HttpStatus.CONFLICT, "illegal-transition", e.getMessage(), List.of());
        }
    }
}
