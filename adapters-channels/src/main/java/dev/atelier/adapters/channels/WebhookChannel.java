package dev.atelier.adapters.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Webhooks: a JSON body POSTed to the recipient URL, signed so the receiver can check it came from here and
 * is fresh. {@code X-Atelier-Timestamp} is the send time in epoch seconds; {@code X-Atelier-Signature} is
 * {@code sha256=} and the hex HMAC-SHA256, keyed with WEBHOOK_SECRET, of {@code <timestamp>.<body>}. A
 * receiver recomputes it over the raw body, compares in constant time, and rejects old timestamps.
 * <p>
 * Before each send the recipient's host is resolved and the addresses are checked against
 * {@link WebhookTargets}, so a name that points into the private network is refused even though it looked
 * harmless when it came in. The connection then goes to the checked address itself: a second lookup by the client
 * could get another answer from a name server that changes it on purpose (DNS rebinding). The JDK's HTTP client
 * always looks the name up itself, which is why webhooks use Apache HttpClient, whose request can name the
 * address to connect to while TLS and the Host header keep the name. A host's checked addresses are tried in
 * the resolver's order until one connects: {@link SendAddresses} hands them to the client as its name resolver,
 * so the client's own loop moves on only from an address it could not connect to (or finish TLS with), before
 * anything is sent. A kept-alive connection to an address checked by an earlier send may serve a later one
 * to the same host; each send still checks what the name resolves to first. Redirects are not followed, so a receiver
 * cannot send the request on elsewhere, and no HTTP proxy is configured.
 * <p>
 * A send ends within twice the HTTP timeout, whatever the receiver does: the dispatcher leases a notification
 * for that long ({@code NOTIFICATION_HTTP_TIMEOUT} to connect, the same again to answer), and the client's own
 * timeouts are per step and per read, so a receiver that trickles its answer would outlast them. A send still
 * running at the deadline is cancelled. Only the status is read; the body is not.
 */
@Singleton
class WebhookChannel implements AutoCloseable {

    static final String TIMESTAMP_HEADER = "X-Atelier-Timestamp";
    static final String SIGNATURE_HEADER = "X-Atelier-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a host name becomes addresses; the system resolver, or a test's. */
    @FunctionalInterface
    interface HostLookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final CloseableHttpClient client;
    private final Duration deadline;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private final String secret;
    private final Clock clock;
    private final WebhookTargets targets;
    private final HostLookup lookup;
    private final SendAddresses sendAddresses = new SendAddresses();

    @Inject
    WebhookChannel(@Value("${atelier.notifications.webhook.secret:}") String secret,
                   @Value("${atelier.notifications.http-timeout:10s}") Duration timeout, Clock clock,
                   WebhookTargets targets) {
        this(secret, timeout, clock, targets, InetAddress::getAllByName, SSLContexts.createDefault());
    }

    /**
     * {@code tls} decides which certificates are trusted: the JDK's certificate authorities in service, a test's
     * own authority in tests. The receiver's certificate is checked against the URL's host name either way.
     */
    WebhookChannel(String secret, Duration timeout, Clock clock, WebhookTargets targets, HostLookup lookup,
                   SSLContext tls) {
        Timeout limit = Timeout.of(timeout);
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                new DeadlineBoundConnector(sendAddresses, new DefaultClientTlsStrategy(tls)), PoolConcurrencyPolicy.STRICT,
                PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND, null);
        connections.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                .setSocketTimeout(limit).build());
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build();
        this.deadline = timeout.multipliedBy(2);
        this.secret = secret;
        this.clock = clock;
        this.targets = targets;
        this.lookup = lookup;
    }

    DeliveryResult send(Notification notification) {
        if (secret == null || secret.isBlank()) {
            return DeliveryResult.failed(false, 0, "webhook: no signing secret configured (WEBHOOK_SECRET)");
        }
        try {
            String url = notification.recipient();
            Optional<String> refused = targets.refusal(url);
            if (refused.isPresent()) {
                return DeliveryResult.failed(false, 0, "webhook refused: " + refused.get());
            }
            WebhookTargets.Target target = WebhookTargets.Target.of(url).orElseThrow();
            InetAddress[] addresses = lookup.addresses(target.host());
            refused = targets.refusal(url, List.of(addresses));
            if (refused.isPresent()) {
                return DeliveryResult.failed(false, 0, "webhook refused: " + refused.get());
            }
            String body = JSON.writeValueAsString(document(notification));
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpPost post = new HttpPost(new URI(url));
            post.setHeader(TIMESTAMP_HEADER, timestamp);
            post.setHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body));
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            sendAddresses.set(addresses, post);
            try {
                return post(new HttpHost(target.scheme(), target.host(), target.port()), post);
            } finally {
                sendAddresses.clear();
            }
        } catch (IOException e) {
            return DeliveryResult.failed(true, 0, "webhook unreachable: " + e.getClass().getSimpleName());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return DeliveryResult.failed(false, 0, "webhook: not a usable URL");
        }
    }

    /** Closing the response without reading the body gives the connection up rather than drain what is left. */
    private DeliveryResult post(HttpHost target, HttpPost post) throws IOException {
        ScheduledFuture<?> cancel = deadlines.schedule(post::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(target, post, null)) {
            int status = response.getCode();
            return HttpOutcomes.of(status, "webhook answered " + status);
        } catch (ClientProtocolException e) {
            return DeliveryResult.failed(false, 0, "webhook: the request was refused by the HTTP client: "
                    + e.getClass().getSimpleName());
        } catch (IOException e) {
            if (post.isCancelled()) {
                return noAnswerInTime();
            }
            throw e;
        } catch (RuntimeException e) {
            if (post.isCancelled()) {
                return noAnswerInTime();
            }
            // The client refuses work once it is closed (shutdown); the send may be tried again later.
            return DeliveryResult.failed(true, 0, "webhook: not sent: " + e.getClass().getSimpleName());
        } finally {
            cancel.cancel(false);
        }
    }

    private DeliveryResult noAnswerInTime() {
        return DeliveryResult.failed(true, 0, "webhook: no answer within " + deadline.toSeconds() + " s");
    }

    /**
     * The client's name resolver: it answers with the addresses the send on this thread checked, and looks
     * nothing up. The classic client connects on the thread that sends, so the send travels with it.
     */
    private static final class SendAddresses implements DnsResolver {

        private record Send(InetAddress[] addresses, HttpPost request) {
        }

        private final ThreadLocal<Send> current = new ThreadLocal<>();

        void set(InetAddress[] addresses, HttpPost request) {
            current.set(new Send(addresses.clone(), request));
        }

        void clear() {
            current.remove();
        }

        /** Whether the send on this thread was cancelled at its deadline. */
        boolean cancelled() {
            Send send = current.get();
            return send != null && send.request().isCancelled();
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            Send send = current.get();
            if (send == null) {
                throw new UnknownHostException(host + ": no checked addresses for this send");
            }
            return send.addresses().clone();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /**
     * The client's connector, which stops a send from going on to a host's next address once the send's deadline
     * has cancelled it. Cancelling closes the socket being connected, and the connector would take that as one
     * more address that failed and connect to the next, past the deadline the notification's lease relies on.
     */
    private static final class DeadlineBoundConnector extends DefaultHttpClientConnectionOperator {

        private final SendAddresses sends;

        DeadlineBoundConnector(SendAddresses sends, TlsSocketStrategy tls) {
            super(DefaultSchemePortResolver.INSTANCE, sends,
                    RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
            this.sends = sends;
        }

        @Override
        protected void onBeforeSocketConnect(HttpContext context, HttpHost host) {
            if (sends.cancelled()) {
                throw new CancellationException("the send's deadline passed before " + host + " was tried");
            }
        }
    }

    private static Map<String, Object> document(Notification notification) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("notification_id", notification.id().asString());
        document.put("event_id", notification.sourceEventId() == null ? null : notification.sourceEventId().toString());
        document.put("event_type", notification.sourceEventType());
        document.put("order_id", notification.orderId());
        document.put("template", notification.template());
        document.put("text", notification.text());
        return document;
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

    @Override
    @PreDestroy
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
