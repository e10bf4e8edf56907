package dev.atelier.bootstrap.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Drives the shop through its HTTP API the way a client would: approved designs, orders, their sagas. */
public final class Shop {

    private final Http http;

    public Shop(Http http) {
        this.http = http;
    }

    public Http http() {
        return http;
    }

    /** Creates and approves a design, then waits until the orders context has seen the approval. */
    public String approvedDesign() {
        Http.Response created = http.send("POST", "/api/designs",
                "{\"title\":\"Shop design\",\"user_id\":\"designer\",\"status\":\"pending\"}", Map.of());
        String id = created.json().get("id").asText();
        http.send("PATCH", "/api/designs/" + id + "/status", "{\"new_status\":\"approved\"}", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> place("probe-" + UUID.randomUUID(), "PROBE-1", id, null)
                .status() == 201);
        return id;
    }

    public Http.Response place(String customer, String sku, String designId, String idempotencyKey) {
        String body = "{\"customer_id\":\"" + customer + "\",\"currency\":\"EUR\",\"items\":[{\"design_id\":\""
                + designId + "\",\"sku\":\"" + sku + "\",\"quantity\":2,\"unit_price\":\"12.50\"}],"
                + "\"contact\":{\"email\":\"buyer@example.com\"}}";
        return http.send("POST", "/api/orders", body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    public String order(String customer, String sku, String designId) {
        Http.Response placed = place(customer, sku, designId, null);
        if (placed.status() != 201) {
            throw new AssertionError("order not accepted: " + placed.body());
        }
        return placed.json().get("id").asText();
    }

    public JsonNode orderNow(String orderId) {
        return http.get("/api/orders/" + orderId).json();
    }

    public JsonNode sagaOf(String orderId) {
        return http.get("/api/orders/" + orderId + "/saga").json();
    }

    /** Waits until the order is in a final state and returns it. */
    public JsonNode finalOrder(String orderId, Duration atMost) {
        await().atMost(atMost).until(() -> {
            String status = orderNow(orderId).path("status").asText();
            return status.equals("assembled") || status.equals("canceled") || status.equals("refunded");
        });
        return orderNow(orderId);
    }

    /** Waits until the order's saga is in a final state and returns it. */
    public JsonNode finalSaga(String orderId, Duration atMost) {
        await().atMost(atMost).until(() -> {
            Http.Response saga = http.get("/api/orders/" + orderId + "/saga");
            if (saga.status() != 200) {
                return false;
            }
            String status = saga.json().path("status").asText();
            return !status.equals("running") && !status.equals("compensating");
        });
        return sagaOf(orderId);
    }
}
