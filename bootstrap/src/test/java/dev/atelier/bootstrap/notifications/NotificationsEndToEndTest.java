package dev.atelier.bootstrap.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.bootstrap.Atelier;
import dev.atelier.bootstrap.testing.Http;
import dev.atelier.bootstrap.testing.SharedInfrastructure;
import dev.atelier.bootstrap.testing.Shop;
import dev.atelier.bootstrap.testing.TopicReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Notifications over real HTTP servers on loopback: one plays the Telegram Bot API, one receives webhooks and
 * checks their signature. The Telegram fake answers by chat id: 5002 fails twice then succeeds, 5003 always
 * fails with 500, 4004 answers "chat not found"; every other chat succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "123456:TEST-token";
    private static final String SECRET = "webhook-secret-for-tests";
    private static final Duration SETTLED = Duration.ofSeconds(60);

    private FakeHttpServer telegram;
    private FakeHttpServer webhooks;
    private Atelier service;
    private Shop shop;
    private String design;
    private final Map<String, AtomicInteger> callsByChatAndText = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        telegram = new FakeHttpServer();
        telegram.answer(request -> {
            JsonNode message = read(request.body());
            String chat = message.get("chat_id").asText();
            int call = callsByChatAndText.computeIfAbsent(chat + "|" + message.get("text").asText(),
                    k -> new AtomicInteger()).incrementAndGet();
            return switch (chat) {
                case "5002" -> call <= 2 ? new FakeHttpServer.Answer(500, "{\"ok\":false}") : ok();
                case "5003" -> new FakeHttpServer.Answer(500, "{\"ok\":false,\"description\":\"Internal Server Error\"}");
                case "4004" -> new FakeHttpServer.Answer(400,
                        "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
                default -> ok();
            };
        });
        webhooks = new FakeHttpServer();
        webhooks.answer(request -> new FakeHttpServer.Answer(204, ""));

        Map<String, Object> settings = new HashMap<>();
        settings.put("atelier.sandbox.enabled", "true");
        settings.put("atelier.notifications.telegram.enabled", "true");
        settings.put("atelier.notifications.telegram.api-url", telegram.url());
        settings.put("atelier.notifications.telegram.bot-token", TOKEN);
        settings.put("atelier.notifications.telegram.chat-id", "1000");
        settings.put("atelier.notifications.webhook.secret", SECRET);
        // The receiver is on loopback, which webhooks may reach only when the operator names it.
        settings.put("atelier.notifications.webhook.allowed-hosts", "127.0.0.1:" + URI.create(webhooks.url()).getPort());
        settings.put("atelier.notifications.retry.backoff-base", "100ms");
        settings.put("atelier.notifications.dispatcher.idle-pause", "50ms");
        service = SharedInfrastructure.startService(settings);
        shop = new Shop(new Http(URI.create(service.server().getURL().toString())));
        design = shop.approvedDesign();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        telegram.close();
        webhooks.close();
    }

    private static FakeHttpServer.Answer ok() {
        return new FakeHttpServer.Answer(200, "{\"ok\":true,\"result\":{}}");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String orderFor(String chatId, String webhookUrl) {
        String body = "{\"customer_id\":\"notify-" + UUID.randomUUID() + "\",\"currency\":\"EUR\",\"items\":[{\"design_id\":\""
                + design + "\",\"sku\":\"MUG-5\",\"quantity\":2,\"unit_price\":\"7.50\"}],\"contact\":{\"telegram_chat_id\":\""
                + chatId + "\"" + (webhookUrl == null ? "" : ",\"webhook_url\":\"" + webhookUrl + "\"") + "}}";
        Http.Response placed = shop.http().send("POST", "/api/orders", body, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("id").asText();
    }

    private List<JsonNode> telegramMessagesTo(String chat) {
        return telegram.requests().stream().map(r -> read(r.body()))
                .filter(m -> m.get("chat_id").asText().equals(chat)).toList();
    }

    private JsonNode notificationOf(String orderId, String channel, String eventType) {
        JsonNode items = shop.http().get("/api/notifications?order_id=" + orderId + "&channel=" + channel + "&size=50")
                .json().get("items");
        for (JsonNode item : items) {
            if (item.get("event_type").asText().equals(eventType)) {
                return shop.http().get("/api/notifications/" + item.get("id").asText()).json();
            }
        }
        return null;
    }

    private JsonNode settled(String orderId, String channel, String eventType) {
        await().atMost(SETTLED).until(() -> {
            JsonNode n = notificationOf(orderId, channel, eventType);
            return n != null && !n.get("status").asText().equals("pending");
        });
        return notificationOf(orderId, channel, eventType);
    }

    @Test
    void an_order_through_its_saga_tells_its_contact_each_step_over_telegram_and_a_signed_webhook() throws Exception {
        String hook = webhooks.url() + "/hooks/" + UUID.randomUUID();
        String order = orderFor("1001", hook);
        shop.finalOrder(order, SETTLED);
        settled(order, "telegram", "order.assembled");
        settled(order, "webhook", "order.assembled");

        List<String> texts = telegramMessagesTo("1001").stream().map(m -> m.get("text").asText())
                .filter(t -> t.contains(order)).toList();
        assertThat(texts).hasSize(4);
        assertThat(texts.get(0)).contains("is received").contains("2 x MUG-5").contains("15.00 EUR");
        assertThat(texts.get(1)).contains("reserved");
        assertThat(texts.get(2)).contains("Payment of 15.00 EUR");
        assertThat(texts.get(3)).contains("is ready");
        assertThat(telegram.requests()).allMatch(r -> r.path().equals("/bot" + TOKEN + "/sendMessage"));

        List<FakeHttpServer.Request> hooks = webhooks.requests().stream().filter(r -> r.path().endsWith(
                hook.substring(hook.lastIndexOf('/')))).toList();
        assertThat(hooks).hasSize(4);
        for (FakeHttpServer.Request request : hooks) {
            String timestamp = request.header("X-Atelier-Timestamp");
            String expected = "sha256=" + hmac(SECRET, timestamp + "." + request.body());
            assertThat(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    request.header("X-Atelier-Signature").getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(read(request.body()).get("order_id").asText()).isEqualTo(order);
        }
        JsonNode log = settled(order, "log", "order.created");
        assertThat(log.get("status").asText()).isEqualTo("sent");
    }

    @Test
    void a_channel_that_fails_twice_is_retried_and_sends_on_the_third_attempt() {
        String order = orderFor("5002", null);

        JsonNode created = settled(order, "telegram", "order.created");
        assertThat(created.get("status").asText()).isEqualTo("sent");
        assertThat(created.get("attempts").asInt()).isEqualTo(3);
        assertThat(created.get("delivery_attempts")).hasSize(3);
        assertThat(created.get("delivery_attempts").get(0).get("status_code").asInt()).isEqualTo(500);
        assertThat(created.get("delivery_attempts").get(2).get("delivered").asBoolean()).isTrue();
    }

    @Test
    void a_channel_that_always_fails_ends_failed_in_the_dead_letter_topic_with_notification_failed() throws Exception {
        String order = orderFor("5003", null);

        JsonNode created = settled(order, "telegram", "order.created");
        assertThat(created.get("status").asText()).isEqualTo("failed");
        assertThat(created.get("attempts").asInt()).isEqualTo(3);
        assertThat(created.get("last_error").asText()).contains("telegram 500").doesNotContain(TOKEN);
        String id = created.get("id").asText();
        try (TopicReader events = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "notifications")) {
            List<ConsumerRecord<String, byte[]>> records = events.awaitKey(id, 1);
            assertThat(TopicReader.headers(records.get(0))).containsEntry("ce_type", "notification.failed");
        }
        try (TopicReader dlq = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "notifications.dlq")) {
            JsonNode parked = JSON.readTree(dlq.awaitKey(id, 1).get(0).value());
            assertThat(parked.get("failure").get("attempts").asInt()).isEqualTo(3);
        }

        Http.Response retried = shop.http().send("POST", "/api/notifications/" + id + "/retry", null, Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void a_refusal_that_cannot_succeed_is_not_retried() {
        String order = orderFor("4004", null);

        JsonNode created = settled(order, "telegram", "order.created");
        assertThat(created.get("status").asText()).isEqualTo("failed");
        assertThat(created.get("attempts").asInt()).isEqualTo(1);
        assertThat(created.get("last_error").asText()).contains("chat not found");
    }

    @Test
    void the_same_event_delivered_twice_sends_one_message() throws Exception {
        String order = orderFor("1006", null);
        settled(order, "telegram", "order.created");
        ConsumerRecord<String, byte[]> created;
        try (TopicReader orders = new TopicReader(SharedInfrastructure.kafkaBootstrapServers(), "orders")) {
            created = orders.awaitKey(order, 1).get(0);
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers());
        long duplicateOffset;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            duplicateOffset = producer.send(new ProducerRecord<>("orders", created.partition(), created.key(),
                    created.value(), created.headers())).get().offset();
        }
        TopicPartition partition = new TopicPartition("orders", created.partition());
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(SETTLED).until(() -> {
                var committed = admin.listConsumerGroupOffsets("atelier.notifications").partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() > duplicateOffset;
            });
        }

        assertThat(telegramMessagesTo("1006").stream().filter(m -> m.get("text").asText().contains(order)
                && m.get("text").asText().contains("is received"))).hasSize(1);
    }

    @Test
    void an_arbitrary_notification_goes_through_the_notifications_topic() {
        Http.Response sent = shop.http().send("POST", "/api/notifications",
                "{\"channel\":\"telegram\",\"recipient\":\"1007\",\"text\":\"Workshop closed on Friday\"}", Map.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);

        await().atMost(SETTLED).until(() -> telegramMessagesTo("1007").stream()
                .anyMatch(m -> m.get("text").asText().equals("Workshop closed on Friday")));
        assertThat(shop.http().send("POST", "/api/notifications", "{\"channel\":\"pigeon\",\"text\":\"x\"}", Map.of())
                .status()).isEqualTo(400);
        assertThat(shop.http().send("POST", "/api/notifications", "{\"channel\":\"log\"}", Map.of()).status())
                .isEqualTo(400);
        assertThat(shop.http().get("/api/notifications?status=lost").status()).isEqualTo(400);
    }

    @Test
    void a_webhook_to_a_host_that_is_not_allowed_is_refused_when_it_comes_in_and_writes_nothing() {
        String customer = "notify-" + UUID.randomUUID();
        String body = "{\"customer_id\":\"" + customer + "\",\"currency\":\"EUR\",\"items\":[{\"design_id\":\""
                + design + "\",\"sku\":\"MUG-5\",\"quantity\":1,\"unit_price\":\"7.50\"}],"
                + "\"contact\":{\"webhook_url\":\"http://169.254.169.254/latest/meta-data\"}}";

        Http.Response refused = shop.http().send("POST", "/api/orders", body, Map.of());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("contact.webhook_url").contains("WEBHOOK_ALLOWED_HOSTS");
        assertThat(shop.http().get("/api/orders?customer_id=" + customer).json().get("items")).isEmpty();
        Http.Response request = shop.http().send("POST", "/api/notifications",
                "{\"channel\":\"webhook\",\"recipient\":\"http://10.0.0.7/hook\",\"text\":\"x\"}", Map.of());
        assertThat(request.status()).as(request.body()).isEqualTo(400);
        assertThat(request.body()).contains("recipient");
    }

    private static String hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
