package dev.atelier.adapters.http.orders;

import dev.atelier.adapters.http.ETags;
import dev.atelier.adapters.http.PageDocument;
import dev.atelier.adapters.http.Query;
import dev.atelier.adapters.http.messaging.TracedRequest;
import dev.atelier.adapters.http.orders.OrderDocuments.CancelRequest;
import dev.atelier.adapters.http.orders.OrderDocuments.OrderDocument;
import dev.atelier.adapters.http.orders.OrderDocuments.PlaceOrderRequest;
import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.orders.ChangingOrders;
import dev.atelier.application.orders.FindOrdersUseCase;
import dev.atelier.application.orders.Orders;
import dev.atelier.application.orders.PlaceOrderUseCase;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;

/** The orders API of SPEC §3. */
@Controller("/api/orders")
@ProblemResponses
@TracedRequest
@ExecuteOn(TaskExecutors.BLOCKING)
class OrdersController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final PlaceOrderUseCase placing;
    private final FindOrdersUseCase finding;
    private final ChangingOrders changing;

    OrdersController(PlaceOrderUseCase placing, FindOrdersUseCase finding, ChangingOrders changing) {
        this.placing = placing;
        this.finding = finding;
        this.changing = changing;
    }

    /** Same key and same body: the order the first request created, again with 201; same key, other body: 422. */
    @Post
    @ApiResponse(responseCode = "201", description = "the order (also for a repeated Idempotency-Key, then with Idempotent-Replayed: true)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderDocument.class)))
    MutableHttpResponse<OrderDocument> place(@Body PlaceOrderRequest request,
                                             @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidValueException(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 200 characters");
        }
        List<PlaceOrderUseCase.Item> items = request.items() == null ? null : request.items().stream()
                .map(item -> item == null ? null : new PlaceOrderUseCase.Item(item.designId(), item.sku(),
                        item.quantity(), item.unitPrice()))
                .toList();
        PlaceOrderUseCase.Placed placed = placing.place(PlaceOrderUseCase.Command.of(request.customerId(),
                request.currency(), items, request.contact() == null ? null : request.contact().toContact()),
                idempotencyKey);
        MutableHttpResponse<OrderDocument> response = HttpResponse.created(OrderDocument.of(placed.order()),
                URI.create("/api/orders/" + placed.order().id()));
        if (placed.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return withETag(response, placed.order());
    }

    @Get("/{id}")
    MutableHttpResponse<OrderDocument> get(@PathVariable String id) {
        Order order = finding.get(OrderId.parse(id));
        return withETag(HttpResponse.ok(OrderDocument.of(order)), order);
    }

    @Get
    PageDocument<OrderDocument> list(@Nullable @QueryValue("customer_id") String customerId,
                                     @Nullable @QueryValue("status") String status,
                                     @Nullable @QueryValue("page") Integer page,
                                     @Nullable @QueryValue("size") Integer size) {
        String customer = Query.given(customerId);
        String wanted = Query.given(status);
        Orders.Filter filter = new Orders.Filter(customer == null ? null : new CustomerId(customer),
                wanted == null ? null : OrderStatus.parse("status", wanted));
        return PageDocument.of(finding.list(filter, PageRequest.of(page, size)), OrderDocument::of);
    }

    /** Accepted: the saga compensates what was done and ends the order canceled or refunded. */
    @Post("/{id}/cancel")
    @ApiResponse(responseCode = "202", description = "cancellation requested; the saga compensates what was done",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderDocument.class)))
    MutableHttpResponse<OrderDocument> cancel(@PathVariable String id, @Nullable @Body CancelRequest request) {
        Order order = changing.requestCancellation(OrderId.parse(id), request == null ? null : request.reason());
        return withETag(HttpResponse.<OrderDocument>status(HttpStatus.ACCEPTED).body(OrderDocument.of(order)), order);
    }

    private static MutableHttpResponse<OrderDocument> withETag(MutableHttpResponse<OrderDocument> response, Order order) {
        return response.header(HttpHeaders.ETAG, ETags.of(order.version()));
    }
}
