package dev.atelier.adapters.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import java.net.InetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send-time check, against a real receiver on loopback: a name is judged by what it resolves to. */
class WebhookChannelTest {

    private HttpServer receiver;
    private final AtomicInteger received = new AtomicInteger();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
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

    /**
     * A name no real resolver knows, answered by the test's own lookup: the request reaches the receiver only if
     * the connection goes to the address that lookup gave, which was checked, rather than to a lookup of its own.
     */
    @Test
    void the_connection_goes_to_the_checked_address_not_to_a_second_lookup_of_the_name() {
        int port = receiver.getAddress().getPort();
        AtomicInteger lookups = new AtomicInteger();
        WebhookChannel channel = new WebhookChannel("secret", Duration.ofSeconds(5), Clock.systemUTC(),
                WebhookTargets.of("hooks.invalid:" + port, ""), host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {InetAddress.getLoopbackAddress()};
                }, SSLContexts.createDefault());

        DeliveryResult result = channel.send(webhookTo("hooks.invalid"));

        assertThat(result.delivered()).as(result.error()).isTrue();
        assertThat(lookups).as("one lookup per send: the one that was checked").hasValue(1);
        assertThat(hostHeaders).containsExactly("hooks.invalid:" + port);
    }

    /** 127.0.0.2 is loopback too, but nothing listens there on the receiver's port: the connection is refused. */
    @Test
    void a_host_whose_first_address_refuses_the_connection_is_reached_on_its_next() throws Exception {
        int port = receiver.getAddress().getPort();
        WebhookChannel channel = new WebhookChannel("secret", Duration.ofSeconds(5), Clock.systemUTC(),
                WebhookTargets.of("hooks.invalid:" + port, ""), host -> new InetAddress[] {
                        InetAddress.getByName("127.0.0.2"), InetAddress.getLoopbackAddress()},
                SSLContexts.createDefault());

        DeliveryResult result = channel.send(webhookTo("hooks.invalid"));

        assertThat(result.delivered()).as(result.error()).isTrue();
        assertThat(received).hasValue(1);
        assertThat(hostHeaders).containsExactly("hooks.invalid:" + port);
    }

    @Test
    void a_host_none_of_whose_addresses_takes_the_connection_is_unreachable_for_now() throws Exception {
        int port = receiver.getAddress().getPort();
        WebhookChannel channel = new WebhookChannel("secret", Duration.ofSeconds(5), Clock.systemUTC(),
                WebhookTargets.of("hooks.invalid:" + port, ""), host -> new InetAddress[] {
                        InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3")},
                SSLContexts.createDefault());

        DeliveryResult result = channel.send(webhookTo("hooks.invalid"));

        assertThat(result.delivered()).isFalse();
        assertThat(result.retryable()).as("the host may take it later").isTrue();
        assertThat(result.error()).isEqualTo("webhook unreachable: HttpHostConnectException");
        assertThat(received).hasValue(0);
    }

    /**
     * Two addresses whose listeners' queues are full, so a connection to them is never made and waits out its
     * timeout, then a third that takes connections. The deadline (twice the timeout) passes while the second is
     * tried; the send must end there, without connecting to the third: its notification's lease counts on it.
     */
    @Test
    void a_send_ends_at_its_deadline_without_trying_the_addresses_left() throws Exception {
        int port = receiver.getAddress().getPort();
        try (StalledListener first = new StalledListener("127.0.0.2", port);
             StalledListener second = new StalledListener("127.0.0.3", port);
             ServerSocket third = new ServerSocket(port, 8, InetAddress.getByName("127.0.0.4"));
             WebhookChannel channel = new WebhookChannel("secret", Duration.ofMillis(500), Clock.systemUTC(),
                     WebhookTargets.of("hooks.invalid:" + port, ""), host -> new InetAddress[] {
                             first.address(), second.address(), third.getInetAddress()},
                     SSLContexts.createDefault())) {

            DeliveryResult result = channel.send(webhookTo("hooks.invalid"));

            assertThat(result.delivered()).isFalse();
            assertThat(result.retryable()).isTrue();
            assertThat(result.error()).startsWith("webhook: no answer within");
            third.setSoTimeout(500);
            assertThatThrownBy(third::accept).as("no connection was made to the third address")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** A listener that accepts nothing and whose queue is full: the kernel drops further connection requests. */
    private static final class StalledListener implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> queued = new ArrayList<>();

        StalledListener(String address, int port) throws IOException {
            listener = new ServerSocket(port, 1, InetAddress.getByName(address));
            for (int i = 0; i < 8; i++) {
                Socket client = new Socket();
                try {
                    client.connect(new InetSocketAddress(listener.getInetAddress(), port), 200);
                    queued.add(client);
                } catch (IOException full) {
                    client.close();
                    return;
                }
            }
            throw new IllegalStateException("the listener's queue never filled");
        }

        InetAddress address() {
            return listener.getInetAddress();
        }

        @Override
        public void close() throws IOException {
            for (Socket client : queued) {
                client.close();
            }
            listener.close();
        }
    }

    /**
     * A receiver that answers its status line and then one byte of header every 50 ms: each read comes well within
     * the client's timeout, so only the send's own deadline (twice the timeout) ends it.
     */
    @Test
    void a_receiver_that_trickles_its_answer_is_given_up_at_the_deadline() throws Exception {
        try (ServerSocket trickler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = trickler.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 200; i++) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up: what the test waits for
                }
            }, "trickling-receiver");
            server.setDaemon(true);
            server.start();
            try (WebhookChannel channel = new WebhookChannel("secret", Duration.ofMillis(300), Clock.systemUTC(),
                    WebhookTargets.of("127.0.0.1:" + trickler.getLocalPort(), ""), InetAddress::getAllByName,
                    SSLContexts.createDefault())) {

                DeliveryResult result = channel.send(webhookTo("127.0.0.1", trickler.getLocalPort()));

                assertThat(result.delivered()).isFalse();
                assertThat(result.retryable()).isTrue();
                assertThat(result.error()).startsWith("webhook: no answer within");
            }
            server.join(10_000);
        }
    }

    private static WebhookChannel channel(WebhookTargets targets) {
        return new WebhookChannel("secret", Duration.ofSeconds(5), Clock.systemUTC(), targets);
    }

    private Notification webhookTo(String host) {
        return webhookTo(host, receiver.getAddress().getPort());
    }

    private static Notification webhookTo(String host, int port) {
        String url = "http://" + host + ":" + port + "/hook";
        return Notification.plan(UUID.randomUUID(), "order.paid", "order-1", Channel.WEBHOOK, url, "order.paid",
                "Order order-1 is paid", Clock.systemUTC().instant());
    }
}
