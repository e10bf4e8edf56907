package dev.atelier.adapters.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.shared.Texts;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The Telegram Bot API: {@code POST <api>/bot<token>/sendMessage} with {@code chat_id} and {@code text}. The
 * API base URL is configurable so tests and staging can point it at a server of their own.
 */
@Singleton
class TelegramChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The longest text sendMessage takes. Telegram refuses a longer one for good (400 "message is too long"),
     * and an order's own text can be longer (a hundred items with long SKUs, or a participant's long reason),
     * so it is shortened to fit rather than lost: the notification keeps its whole text for the operator.
     */
    static final int MAX_TEXT_LENGTH = 4096;

    private final HttpClient client;
    private final String apiUrl;
    private final String token;
    private final Duration timeout;

    TelegramChannel(@Value("${atelier.notifications.telegram.api-url:`https://api.telegram.org`}") String apiUrl,
                    @Value("${atelier.notifications.telegram.bot-token:}") String token,
                    @Value("${atelier.notifications.http-timeout:10s}") Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = token;
        this.timeout = timeout;
    }

    DeliveryResult send(String chatId, String text) {
        if (token == null || token.isBlank()) {
            return DeliveryResult.failed(false, 0, "telegram: no bot token configured (TELEGRAM_BOT_TOKEN)");
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/bot" + token + "/sendMessage"))
                    .timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("chat_id", chatId,
                            "text", Texts.shortened(text, MAX_TEXT_LENGTH)))))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return HttpOutcomes.of(response.statusCode(), "telegram " + response.statusCode() + ": "
                    + description(response.body()));
        } catch (IOException e) {
            // The message of a connection error can carry the URL, and so the token: say only what went wrong.
            return DeliveryResult.failed(true, 0, "telegram unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed(true, 0, "telegram: interrupted");
        }
    }

    private static String description(String body) {
        try {
            JsonNode description = JSON.readTree(body).get("description");
            return description == null ? "no description" : description.asText();
        } catch (IOException e) {
            return "unreadable answer";
        }
    }
}
