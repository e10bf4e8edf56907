package dev.atelier.adapters.http.messaging;

import dev.atelier.adapters.http.AtelierApi;
import dev.atelier.adapters.http.messaging.DeadLetterController.DeadLetterDocument;
import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.messaging.OutboxBacklog.WaitingEvent;
import dev.atelier.application.messaging.OutboxOperations;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox for operators: the events waiting to be published, with how many attempts failed and why, and
 * parking one the broker will not take (it moves to the dead-letter queue, where it can be replayed or discarded).
 */
@Controller("/api/outbox")
@ProblemResponses
@SecurityRequirement(name = AtelierApi.OPERATOR_TOKEN)
@ExecuteOn(TaskExecutors.BLOCKING)
class OutboxController {

    private final OutboxOperations operations;

    OutboxController(OutboxOperations operations) {
        this.operations = operations;
    }

    /** The oldest waiting events, oldest first. */
    @Get
    WaitingEvents list(@Nullable @QueryValue("limit") Integer limit) {
        return new WaitingEvents(operations.oldest(limit == null ? OutboxOperations.DEFAULT_LIMIT : limit).stream()
                .map(WaitingEventDocument::of).toList());
    }

    /** Moves a waiting event to the dead-letter queue (consumer {@code outbox}); answers with its dead letter. */
    @Post("/{position}/park")
    DeadLetterDocument park(@PathVariable String position) {
        return DeadLetterDocument.of(operations.park(parsePosition(position)));
    }

    private static long parsePosition(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("position", "an outbox position is a whole number, got '" + position + "'");
        }
    }

    record WaitingEvents(List<WaitingEventDocument> items) {
    }

    /** @param stream the logical stream; its topic is configured under atelier.messaging.topics */
    record WaitingEventDocument(long position, UUID eventId, String eventType, String stream, String key,
                                Instant occurredAt, Instant createdAt, int payloadBytes, int failedAttempts,
                                String lastError) {

        static WaitingEventDocument of(WaitingEvent waiting) {
            var event = waiting.event();
            return new WaitingEventDocument(event.position(), event.eventId(), event.type(), event.stream(),
                    event.key(), event.occurredAt(), waiting.createdAt(), event.payload().length, waiting.failedAttempts(),
                    waiting.lastError());
        }
    }
}
