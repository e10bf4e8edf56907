package dev.atelier.adapters.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks: a JSON body POSTed to the recipient URL, signed so the receiver can check it came from here and
 * is fresh. {@code X-Atelier-Timestamp} is the send time in epoch seconds; {@code X-Atelier-Signature} is
 * {@code sha256=} and the hex HMAC-SHA256, keyed with WEBHOOK_SECRET, of {@code <timestamp>.<body>}. A
 * receiver recomputes it over the raw body, compares in constant time, and rejects old timestamps.
 * <p>
 * Before each send the recipient's host is resolved and checked against {@link WebhookTargets}, so a name that
 * points into the private network is refused even though it looked harmless when it came in. Redirects are not
 * followed, so a receiver cannot send the request on elsewhere. The client resolves the name again to connect,
 * and {@code java.net.http} has no hook to make it use the address checked here. The JVM keeps a successful
 * lookup for 30 s by default ({@code networkaddress.cache.ttl}), so the second lookup usually gets the same
 * answer; but a name server that changes its answer just as that entry expires (DNS rebinding), or a JVM that
 * caches nothing, can still steer one connection elsewhere. Where that matters, send webhooks through an egress
 * proxy that enforces the same rule.
 */
@Singleton
class WebhookChannel {

    static final String TIMESTAMP_HEADER = "X-Atelier-Timestamp";
    static final String SIGNATURE_HEADER = "X-Atelier-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;
    private final WebhookTargets targets;

    WebhookChannel(@Value("${atelier.notifications.webhook.secret:}") String secret,
                   @Value("${atelier.notifications.http-timeout:10s}") Duration timeout, Clock clock,
                   WebhookTargets targets) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
        this.targets = targets;
    }

    DeliveryResult send(Notification notification) {
        if (secret == null || secret.isBlank()) {
            return DeliveryResult.failed(false, 0, "webhook: no signing secret configured (WEBHOOK_SECRET)");
        }
        try {
            String url = notification.recipient();
            Optional<String> refused = targets.refusal(url);
            if (refused.isEmpty()) {
                String host = WebhookTargets.hostOf(url).orElseThrow();
                refused = targets.refusal(url, List.of(InetAddress.getAllByName(host)));
            }
            if (refused.isPresent()) {
                return DeliveryResult.failed(false, 0, "webhook refused: " + refused.get());
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("notification_id", notification.id().asString());
            document.put("event_id", notification.sourceEventId() == null ? null : notification.sourceEventId().toString());
            document.put("event_type", notification.sourceEventType());
            document.put("order_id", notification.orderId());
            document.put("template", notification.template());
            document.put("text", notification.text());
            String body = JSON.writeValueAsString(document);
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return HttpOutcomes.of(response.statusCode(), "webhook answered " + response.statusCode());
        } catch (IOException e) {
            return DeliveryResult.failed(true, 0, "webhook unreachable: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return DeliveryResult.failed(false, 0, "webhook: not a usable URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed(true, 0, "webhook: interrupted");
        }
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
