package dev.atelier.adapters.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send-time check, against a real receiver on loopback: a name is judged by what it resolves to. */
class WebhookChannelTest {

    private HttpServer receiver;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void a_name_that_resolves_to_loopback_is_refused_before_anything_is_sent() {
        DeliveryResult result = channel(WebhookTargets.of("", "")).send(webhookTo("localhost"));

        assertThat(result.delivered()).isFalse();
        assertThat(result.retryable()).as("no later attempt can make it allowed").isFalse();
        assertThat(result.error()).startsWith("webhook refused: host localhost resolves to")
                .contains("not a public address");
        assertThat(received).hasValue(0);
    }

    @Test
    void a_host_the_operator_allowed_is_reached_on_loopback() {
        DeliveryResult result = channel(WebhookTargets.of("localhost", "")).send(webhookTo("localhost"));

        assertThat(result.delivered()).as(result.error()).isTrue();
        assertThat(received).hasValue(1);
    }

    private static WebhookChannel channel(WebhookTargets targets) {
        return new WebhookChannel("secret", Duration.ofSeconds(5), Clock.systemUTC(), targets);
    }

    private Notification webhookTo(String host) {
        String url = "http://" + host + ":" + receiver.getAddress().getPort() + "/hook";
        return Notification.plan(UUID.randomUUID(), "order.paid", "order-1", Channel.WEBHOOK, url, "order.paid",
                "Order order-1 is paid", Clock.systemUTC().instant());
    }
}
