package dev.atelier.adapters.http.messaging;

import dev.atelier.adapters.http.AtelierApi;
import dev.atelier.adapters.http.PageDocument;
import dev.atelier.adapters.http.Query;
import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.messaging.DeadLetter;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The dead-letter queue for operators: list, inspect, replay (one, a filter, or all) and discard.
 * Replaying hands messages back to the consumer that parked them, through its inbox.
 */
@Controller("/api/dlq")
@ProblemResponses
@SecurityRequirement(name = AtelierApi.OPERATOR_TOKEN)
@ExecuteOn(TaskExecutors.BLOCKING)
class DeadLetterController {

    private static final int REPLAY_LIMIT = 1000;

    private final DeadLetterOperations operations;

    DeadLetterController(DeadLetterOperations operations) {
        this.operations = operations;
    }

    @Get
    PageDocument<DeadLetterDocument> list(@Nullable @QueryValue("consumer") String consumer,
                                          @Nullable @QueryValue("topic") String topic,
                                          @Nullable @QueryValue("event_type") String eventType,
                                          @Nullable @QueryValue("key") String key,
                                          @Nullable @QueryValue("status") String status,
                                          @Nullable @QueryValue("page") Integer page,
                                          @Nullable @QueryValue("size") Integer size) {
        DeadLetterFilter filter = new DeadLetterFilter(Query.given(consumer), Query.given(topic),
                Query.given(eventType), Query.given(key),
                Query.given(status) == null ? DeadLetter.Status.PARKED : parseStatus(status));
        return PageDocument.of(operations.list(filter, PageRequest.of(page, size)), DeadLetterDocument::of);
    }

    @Get("/{id}")
    DeadLetterDocument get(@PathVariable String id) {
        return DeadLetterDocument.of(operations.get(parseId(id)));
    }

    @Post("/{id}/replay")
    DeadLetterOperations.ReplayReport replay(@PathVariable String id) {
        return operations.replay(parseId(id));
    }

    /** Replays every parked message matching the filter in the body; an empty body replays them all. */
    @Post("/replay")
    DeadLetterOperations.ReplayReport replayMatching(@Nullable @Body ReplayFilter filter) {
        ReplayFilter given = filter == null ? new ReplayFilter(null, null, null, null) : filter;
        return operations.replayMatching(new DeadLetterFilter(given.consumer(), given.topic(), given.eventType(),
                given.key(), DeadLetter.Status.PARKED), REPLAY_LIMIT);
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "204", description = "discarded")
    HttpResponse<Void> discard(@PathVariable String id) {
        operations.discard(parseId(id));
        return HttpResponse.noContent();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("id", "dead letter id must be a UUID, got '" + id + "'");
        }
    }

    private static DeadLetter.Status parseStatus(String status) {
        try {
            return DeadLetter.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("status", "unknown status '" + status + "'; expected parked, replayed or discarded");
        }
    }

    record ReplayFilter(String consumer, String topic, String eventType, String key) {
    }

    /** A parked message with the fields of seed 002; key and value in base64 so any bytes survive. */
    record DeadLetterDocument(UUID id, String consumer, String originalTopic, int originalPartition,
                              long originalOffset, String key, String keyBase64, String valueBase64,
                              Map<String, String> headers, String error, int attempts, Instant failedAt,
                              String eventType, UUID eventId, String status) {

        static DeadLetterDocument of(DeadLetter letter) {
            Base64.Encoder base64 = Base64.getEncoder();
            return new DeadLetterDocument(letter.id(), letter.consumer(), letter.source(), letter.partition(),
                    letter.offset(), letter.key(),
                    letter.key() == null ? null : base64.encodeToString(letter.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    letter.value() == null ? null : base64.encodeToString(letter.value()), letter.headers(),
                    letter.error(), letter.attempts(), letter.failedAt(), letter.eventType(), letter.eventId(),
                    letter.status().wireName());
        }
    }
}
