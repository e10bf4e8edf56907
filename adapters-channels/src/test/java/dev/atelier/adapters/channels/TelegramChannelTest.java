package dev.atelier.adapters.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.atelier.domain.notifications.DeliveryResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Bot API's sendMessage on a real loopback server that, like Telegram, refuses for good a text longer than
 * 4,096 characters.
 */
class TelegramChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "123:secret";

    private HttpServer telegram;
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        telegram = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        telegram.createContext("/bot" + TOKEN + "/sendMessage", this::sendMessage);
        telegram.start();
    }

    private void sendMessage(HttpExchange exchange) throws IOException {
        JsonNode message = JSON.readTree(exchange.getRequestBody());
        boolean tooLong = message.get("text").asText().length() > 4096;
        if (!tooLong) {
            sent.add(message);
        }
        byte[] answer = (tooLong ? "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is too long\"}"
                : "{\"ok\":true,\"result\":{}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(tooLong ? 400 : 200, answer.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(answer);
        }
    }

    @AfterEach
    void stop() {
        telegram.stop(0);
    }

    private TelegramChannel channel() {
        return new TelegramChannel("http://127.0.0.1:" + telegram.getAddress().getPort() + "/", TOKEN,
                Duration.ofSeconds(5));
    }

    @Test
    void a_text_is_sent_to_its_chat_as_it_is() {
        DeliveryResult result = channel().send("1001", "Order 42 is ready: 2 x MUG-1.");

        assertThat(result.delivered()).as(result.error()).isTrue();
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.get("chat_id").asText()).isEqualTo("1001");
            assertThat(message.get("text").asText()).isEqualTo("Order 42 is ready: 2 x MUG-1.");
        });
    }

    /** An order of a hundred items with long SKUs renders a text Telegram would refuse, and no retry would help. */
    @Test
    void a_text_longer_than_telegram_takes_is_sent_shortened_rather_than_refused() {
        String items = "2 x " + "S".repeat(60) + ", ";
        String text = "Order 42 is received: " + items.repeat(100);

        DeliveryResult result = channel().send("1001", text);

        assertThat(result.delivered()).as(result.error()).isTrue();
        String delivered = sent.get(0).get("text").asText();
        assertThat(delivered).hasSize(TelegramChannel.MAX_TEXT_LENGTH).endsWith("…")
                .startsWith(text.substring(0, TelegramChannel.MAX_TEXT_LENGTH - 1));
    }
}
