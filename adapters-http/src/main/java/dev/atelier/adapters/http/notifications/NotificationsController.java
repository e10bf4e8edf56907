package dev.atelier.adapters.http.notifications;

import dev.atelier.adapters.http.PageDocument;
import dev.atelier.adapters.http.Query;
import dev.atelier.adapters.http.messaging.TracedRequest;
import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.notifications.NotificationRequested;
import dev.atelier.application.notifications.NotificationRequests;
import dev.atelier.application.notifications.Notifications;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.notifications.NotificationStatus;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Notifications and their delivery attempts; an arbitrary notification; re-sending a failed one. */
@Controller("/api/notifications")
@ProblemResponses
@TracedRequest
@ExecuteOn(TaskExecutors.BLOCKING)
class NotificationsController {

    private final NotificationRequests requests;

    NotificationsController(NotificationRequests requests) {
        this.requests = requests;
    }

    @Get
    PageDocument<NotificationDocument> list(@Nullable @QueryValue("order_id") String orderId,
                                            @Nullable @QueryValue("status") String status,
                                            @Nullable @QueryValue("channel") String channel,
                                            @Nullable @QueryValue("page") Integer page,
                                            @Nullable @QueryValue("size") Integer size) {
        Notifications.Filter filter = new Notifications.Filter(Query.given(orderId),
                Query.given(status) == null ? null : NotificationStatus.parse("status", status),
                Query.given(channel) == null ? null : Channel.parse("channel", channel));
        return PageDocument.of(requests.list(filter, PageRequest.of(page, size)), n -> NotificationDocument.of(n, null));
    }

    @Get("/{id}")
    NotificationDocument get(@PathVariable String id) {
        NotificationId notificationId = NotificationId.parse(id);
        return NotificationDocument.of(requests.get(notificationId), requests.attempts(notificationId));
    }

    /** Sends an arbitrary notification through the notifications topic (seed 000); 202 with the request's event id. */
    @Post
    @ApiResponse(responseCode = "202", description = "accepted for delivery",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    HttpResponse<Accepted> send(@Body SendRequest request) {
        if (request.channel() == null) {
            throw new InvalidValueException("channel", "channel is required: log, telegram or webhook");
        }
        NotificationRequested requested = requests.request(request.channel(), request.recipient(), request.text(),
                request.orderId());
        return HttpResponse.<Accepted>status(HttpStatus.ACCEPTED)
                .body(new Accepted(requested.eventId(), requested.channel(), "requested"));
    }

    /** The answer to a request: the id of the event that carries it, its channel, and that it is requested. */
    record Accepted(UUID eventId, String channel, String status) {
    }

    @Post("/{id}/retry")
    NotificationDocument retry(@PathVariable String id) {
        return NotificationDocument.of(requests.retry(NotificationId.parse(id)), null);
    }

    record SendRequest(String channel, String recipient, String text, String orderId) {
    }

    record AttemptDocument(int attempt, Instant startedAt, Instant finishedAt, boolean delivered, int statusCode,
                           String error) {
    }

    record NotificationDocument(UUID id, UUID eventId, String eventType, String orderId, String channel, String recipient,
                                String template, String text, String status, int attempts, String lastError,
                                Instant nextAttemptAt, Instant createdAt, Instant updatedAt,
                                List<AttemptDocument> deliveryAttempts) {

        static NotificationDocument of(Notification n, List<Notifications.Attempt> attempts) {
            return new NotificationDocument(n.id().value(), n.sourceEventId(), n.sourceEventType(), n.orderId(),
                    n.channel().wireName(), n.recipient(), n.template(), n.text(), n.status().wireName(), n.attempts(),
                    n.lastError(), n.nextAttemptAt(), n.createdAt(), n.updatedAt(),
                    attempts == null ? null : attempts.stream().map(a -> new AttemptDocument(a.attempt(), a.startedAt(),
                            a.finishedAt(), a.delivered(), a.statusCode(), a.error())).toList());
        }
    }
}
