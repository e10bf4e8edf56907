package dev.atelier.bootstrap.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import dev.atelier.bootstrap.testing.TopicReader;
import dev.atelier.domain.orders.Order;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every saga path through the running service, the real broker and the sandbox participants (SPEC §3–4):
 * happy path, out of stock, declined payment, failed assembly, no reply, a charge whose reply was lost, a
 * compensation that keeps failing,
 * cancellation mid-saga, and idempotent intake under concurrent duplicates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FulfilmentEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FINAL = Duration.ofSeconds(60);

    private Atelier service;
    private Shop shop;
    private String design;

    @BeforeAll
    void start() {
        service = SharedInfrastructure.startService(Map.of(
                "atelier.sandbox.enabled", "true",
                "atelier.sagas.step-timeout", "1s",
                "atelier.sagas.deadline-check", "100ms",
                "atelier.messaging.retry.base-delay", "50ms"));
        shop = new Shop(new Http(URI.create(service.server().getURL().toString())));
        design = shop.approvedDesign();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static List<String> steps(JsonNode saga) {
        return StreamSupport.stream(saga.get("steps").spliterator(), false)
                .map(step -> step.get("step").asText() + ":" + step.get("outcome").asText()).toList();
    }

    @Test
    void the_happy_path_assembles_the_order_and_publishes_each_transition_once_in_order() throws Exception {
        Http.Response placed = shop.place("happy-" + UUID.randomUUID(), "MUG-1", design, null);
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(placed.json().get("status").asText()).isEqualTo("created");
        String order = placed.json().get("id").asText();

        assertThat(shop.finalOrder(order, FINAL).get("status").asText()).isEqualTo("assembled");
        JsonNode saga = shop.sagaOf(order);
        assertThat(saga.get("status").asText()).isEqualTo("completed");
        assertThat(steps(saga)).containsExactly("reserve_inventory:succeeded", "charge_payment:succeeded",
                "request_assembly:succeeded");
        assertThat(saga.get("steps").get(0).get("started_at").asText()).isNotBlank();
        assertThat(shop.http().get("/api/sagas/" + saga.get("id").asText()).json().get("order_id").asText())
                .isEqualTo(order);

        try (TopicReader orders = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "orders")) {
            List<ConsumerRecord<String, byte[]>> events = orders.awaitKey(order, 4);
            assertThat(events).extracting(r -> TopicReader.headers(r).get("ce_type"))
                    .containsExactly("order.created", "order.confirmed", "order.paid", "order.assembled");
            JsonNode created = JSON.readTree(events.get(0).value());
            assertThat(created.get("total").get("amount").decimalValue()).isEqualByComparingTo("25.00");
            assertThat(created.get("items").get(0).get("sku").asText()).isEqualTo("MUG-1");
            assertThat(created.get("contact").get("email").asText()).isEqualTo("buyer@example.com");
        }
        try (TopicReader sagas = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "sagas")) {
            List<ConsumerRecord<String, byte[]>> events = sagas.awaitKey(saga.get("id").asText(), 5);
            assertThat(events).extracting(r -> TopicReader.headers(r).get("ce_type")).containsExactly(
                    "saga.started", "saga.step_succeeded", "saga.step_succeeded", "saga.step_succeeded",
                    "saga.completed");
        }
    }

    @Test
    void out_of_stock_cancels_the_order_and_charges_nothing() {
        String order = shop.order("oos-" + UUID.randomUUID(), "OOS-LAMP", design);

        JsonNode finished = shop.finalOrder(order, FINAL);
        assertThat(finished.get("status").asText()).isEqualTo("canceled");
        assertThat(finished.get("reason").asText()).contains("out of stock: OOS-LAMP");
        assertThat(steps(shop.sagaOf(order))).containsExactly("reserve_inventory:failed");
    }

    @Test
    void a_declined_payment_cancels_the_order_and_releases_the_inventory() {
        String order = shop.order("decline-" + UUID.randomUUID(), "MUG-2", design);

        assertThat(shop.finalOrder(order, FINAL).get("status").asText()).isEqualTo("canceled");
        assertThat(steps(shop.sagaOf(order))).containsExactly("reserve_inventory:succeeded", "charge_payment:failed",
                "release_inventory:succeeded");
    }

    @Test
    void a_failed_assembly_refunds_the_payment_and_releases_the_inventory() {
        String order = shop.order("asm-" + UUID.randomUUID(), "FAILASM-CHAIR", design);

        JsonNode finished = shop.finalOrder(order, FINAL);
        assertThat(finished.get("status").asText()).isEqualTo("refunded");
        JsonNode saga = shop.sagaOf(order);
        assertThat(saga.get("status").asText()).isEqualTo("refunded");
        assertThat(steps(saga)).containsExactly("reserve_inventory:succeeded", "charge_payment:succeeded",
                "request_assembly:failed", "refund_payment:succeeded", "release_inventory:succeeded");
    }

    @Test
    void a_participant_that_never_answers_gets_the_command_again_then_is_compensated() {
        String order = shop.order("silent-" + UUID.randomUUID(), "SILENT-VASE", design);

        assertThat(shop.finalOrder(order, FINAL).get("status").asText()).isEqualTo("canceled");
        JsonNode saga = shop.sagaOf(order);
        assertThat(steps(saga)).containsExactly("reserve_inventory:timed_out", "reserve_inventory:timed_out",
                "reserve_inventory:timed_out", "release_inventory:succeeded");
        assertThat(saga.get("reason").asText()).contains("no reply from inventory");
        assertThat(saga.get("steps").get(3).get("detail").asText())
                .isEqualTo("nothing to undo: reserve_inventory had not taken effect");
    }

    /**
     * Payments takes the charge but its answer never arrives. The saga cannot know, so it refunds as if the charge
     * had gone through; the refund's reply says it had, and the order ends refunded, not canceled.
     */
    @Test
    void a_charge_that_went_through_unanswered_is_refunded_and_the_order_ends_refunded() throws Exception {
        String order = shop.order("lostreply-" + UUID.randomUUID(), "MUG-3", design);

        JsonNode finished = shop.finalOrder(order, FINAL);
        assertThat(finished.get("status").asText()).isEqualTo("refunded");
        JsonNode saga = shop.sagaOf(order);
        assertThat(saga.get("status").asText()).isEqualTo("refunded");
        assertThat(steps(saga)).containsExactly("reserve_inventory:succeeded", "charge_payment:timed_out",
                "charge_payment:timed_out", "charge_payment:timed_out", "refund_payment:succeeded",
                "release_inventory:succeeded");
        assertThat(saga.get("steps").get(4).get("detail").asText())
                .isEqualTo("undid charge_payment, which had taken effect without a reply");
        try (TopicReader replies = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "payments.replies")) {
            ConsumerRecord<String, byte[]> refund = replies.awaitKey(saga.get("id").asText(), 1).get(0);
            assertThat(TopicReader.headers(refund).get("ce_type")).isEqualTo("payments.refund.succeeded");
            assertThat(JSON.readTree(refund.value()).get("nothing_to_undo").asBoolean(true)).isFalse();
        }
        try (TopicReader orders = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "orders")) {
            assertThat(orders.awaitKey(order, 3)).extracting(r -> TopicReader.headers(r).get("ce_type"))
                    .containsExactly("order.created", "order.confirmed", "order.refunded");
        }
    }

    @Test
    void a_compensation_that_keeps_failing_ends_the_saga_failed_for_an_operator() throws Exception {
        String order = shop.order("norefund-" + UUID.randomUUID(), "FAILASM-DESK", design);

        JsonNode saga = shop.finalSaga(order, FINAL);
        assertThat(saga.get("status").asText()).isEqualTo("failed");
        assertThat(saga.get("reason").asText()).contains("refund_payment failed 3 times").contains("refund rejected");
        assertThat(steps(saga)).filteredOn(step -> step.startsWith("refund_payment"))
                .containsExactly("refund_payment:failed", "refund_payment:failed", "refund_payment:failed");
        assertThat(saga.get("deadline").isNull()).as("nothing left waiting").isTrue();
        assertThat(shop.orderNow(order).get("status").asText()).as("left as it was, for an operator").isEqualTo("paid");
        try (TopicReader commands = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "payments.commands")) {
            List<String> refunds = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> command : commands.awaitKey(saga.get("id").asText(), 4)) {
                if ("payments.refund".equals(TopicReader.headers(command).get("ce_type"))) {
                    refunds.add(JSON.readTree(command.value()).get("command_id").asText());
                }
            }
            assertThat(refunds).as("each try is a new command: the participant repeats its answer to one it has seen")
                    .hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_cancel_mid_saga_compensates_what_was_done() {
        String order = shop.order("cancel-" + UUID.randomUUID(), "SILENT-RUG", design);
        Http.Response cancel = shop.http().send("POST", "/api/orders/" + order + "/cancel",
                "{\"reason\":\"ordered by mistake\"}", Map.of());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.json().get("cancellation_requested").asBoolean()).isTrue();
        assertThat(shop.http().send("POST", "/api/orders/" + order + "/cancel", null, Map.of()).status())
                .as("only once").isEqualTo(409);

        JsonNode finished = shop.finalOrder(order, FINAL);
        assertThat(finished.get("status").asText()).isEqualTo("canceled");
        assertThat(steps(shop.sagaOf(order))).last().isEqualTo("release_inventory:succeeded");
        assertThat(shop.http().send("POST", "/api/orders/" + order + "/cancel", null, Map.of()).status())
                .as("a final order cannot be canceled").isEqualTo(409);
    }

    /** The saga puts "canceled by the customer: " in front of the reason, which makes it longer than an order keeps. */
    @Test
    void a_cancel_with_the_longest_reason_the_api_takes_still_ends_the_order() {
        String order = shop.order("cancel-long-" + UUID.randomUUID(), "SILENT-RUG", design);
        String reason = "r".repeat(Order.REASON_MAX_LENGTH);
        Http.Response cancel = shop.http().send("POST", "/api/orders/" + order + "/cancel",
                "{\"reason\":\"" + reason + "\"}", Map.of());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);

        JsonNode finished = shop.finalOrder(order, FINAL);
        assertThat(finished.get("status").asText()).isEqualTo("canceled");
        assertThat(finished.get("reason").asText()).startsWith("canceled by the customer: rrr").endsWith("r…")
                .hasSize(Order.REASON_MAX_LENGTH);
    }

    @Test
    void concurrent_duplicates_of_one_idempotency_key_create_one_order() throws Exception {
        String customer = "idem-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Callable<Http.Response> place = () -> shop.place(customer, "MUG-7", design, key);
            responses.add(pool.submit(place));
        }
        List<String> ids = new ArrayList<>();
        for (Future<Http.Response> response : responses) {
            Http.Response r = response.get();
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            ids.add(r.json().get("id").asText());
        }
        pool.shutdown();

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(shop.http().get("/api/orders?customer_id=" + customer).json().get("total").asInt()).isEqualTo(1);
        Http.Response otherBody = shop.place(customer, "MUG-8", design, key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().get("detail").asText()).contains("different request");
    }

    @Test
    void an_order_is_refused_unless_every_design_is_approved_and_bad_input_writes_nothing() {
        String customer = "refused-" + UUID.randomUUID();
        Http.Response unknownDesign = shop.place(customer, "MUG-1", UUID.randomUUID().toString(), null);
        assertThat(unknownDesign.status()).isEqualTo(422);
        assertThat(unknownDesign.contentType()).startsWith("application/problem+json");

        String draft = shop.http().send("POST", "/api/designs", "{\"title\":\"Draft\",\"user_id\":\"d\"}", Map.of())
                .json().get("id").asText();
        assertThat(shop.place(customer, "MUG-1", draft, null).status()).isEqualTo(422);

        assertThat(shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer + "\",\"currency\":\"EURO\","
                + "\"items\":[{\"design_id\":\"" + design + "\",\"sku\":\"A\",\"quantity\":1,\"unit_price\":1}]}", Map.of())
                .status()).isEqualTo(400);
        assertThat(shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer + "\",\"currency\":\"EUR\","
                + "\"items\":[{\"design_id\":\"" + design + "\",\"sku\":\"A\",\"quantity\":0,\"unit_price\":1}]}", Map.of())
                .json().get("errors").get(0).get("field").asText()).isEqualTo("items[0].quantity");
        assertThat(shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer + "\",\"currency\":\"EUR\","
                + "\"items\":[{\"design_id\":\"" + design + "\",\"sku\":\"A\",\"quantity\":1,\"unit_price\":\"1.001\"}]}",
                Map.of()).json().get("errors").get(0).get("field").asText()).as("named as in the request")
                .isEqualTo("items[0].unit_price");
        assertThat(shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer + "\",\"currency\":\"EUR\","
                + "\"items\":{\"design_id\":\"" + design + "\",\"sku\":\"A\",\"quantity\":1,\"unit_price\":1}}",
                Map.of()).json().get("errors").get(0).get("field").asText()).as("an object is not a list of one")
                .isEqualTo("items");
        // Amounts beyond what a stored total holds: a 500 from the database until they were refused, and the
        // exponent took the request's thread for minutes.
        for (String price : List.of("1e16", "1e100000000", "\"-1e100000000\"")) {
            Http.Response huge = shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer
                    + "\",\"currency\":\"EUR\",\"items\":[{\"design_id\":\"" + design + "\",\"sku\":\"A\","
                    + "\"quantity\":1,\"unit_price\":" + price + "}]}", Map.of());
            assertThat(huge.status()).as(price + ": " + huge.body()).isEqualTo(400);
            assertThat(huge.json().get("errors").get(0).get("field").asText()).isEqualTo("items[0].unit_price");
        }
        Http.Response tooLargeATotal = shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer
                + "\",\"currency\":\"EUR\",\"items\":[{\"design_id\":\"" + design + "\",\"sku\":\"A\","
                + "\"quantity\":10000,\"unit_price\":\"100000000000\"}]}", Map.of());
        assertThat(tooLargeATotal.status()).as(tooLargeATotal.body()).isEqualTo(400);
        assertThat(tooLargeATotal.json().get("errors").get(0).get("field").asText()).isEqualTo("items[0]");
        Http.Response emptyKey = shop.place(customer, "MUG-1", design, "");
        assertThat(emptyKey.status()).as("an empty key is a mistake, not no key").isEqualTo(400);
        assertThat(emptyKey.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        Http.Response array = shop.http().send("POST", "/api/orders", "[]", Map.of());
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("detail").asText()).as("no Java class names")
                .isEqualTo("the body has the wrong type: expected an object").doesNotContain("dev.atelier");
        assertThat(shop.http().send("POST", "/api/orders", "{\"customer_id\":\"" + customer + "\",\"currency\":\"EUR\","
                + "\"items\":[]}", Map.of()).status()).isEqualTo(400);
        assertThat(shop.http().get("/api/orders/not-a-uuid").status()).isEqualTo(400);
        assertThat(shop.http().get("/api/orders/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(shop.http().get("/api/orders?status=shipped").status()).isEqualTo(400);

        assertThat(shop.http().get("/api/orders?customer_id=" + customer).json().get("total").asInt()).isZero();
    }

    @Test
    void an_order_refused_for_its_designs_leaves_its_idempotency_key_free_for_the_corrected_request() {
        String customer = "refused-key-" + UUID.randomUUID();
        String key = "refused-" + UUID.randomUUID();
        assertThat(shop.place(customer, "MUG-1", UUID.randomUUID().toString(), key).status()).isEqualTo(422);

        Http.Response corrected = shop.place(customer, "MUG-1", design, key);

        assertThat(corrected.status()).as("a new order, not the replay of a refusal nor a key used for another request")
                .isEqualTo(201);
        assertThat(shop.place(customer, "MUG-1", design, key).json().get("id").asText())
                .isEqualTo(corrected.json().get("id").asText());
    }
}
