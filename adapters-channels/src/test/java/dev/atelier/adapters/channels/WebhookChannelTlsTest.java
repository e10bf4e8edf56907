package dev.atelier.adapters.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS webhooks connect to the address that was checked, yet TLS still speaks to the URL's host name: the
 * receiver is asked for that name (SNI) and its certificate must be for that name. The receiver is a real HTTPS
 * server on loopback with a certificate made by the JDK's {@code keytool} for a name only the test's lookup
 * knows; the channel trusts that certificate and nothing else.
 */
class WebhookChannelTlsTest {

    private static final String HOST = "hooks.invalid";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path keys;

    private HttpsServer receiver;
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void an_https_receiver_is_reached_at_the_checked_address_under_its_name() throws Exception {
        KeyStore certificate = certificateFor(HOST);
        int port = startReceiver(certificate);

        DeliveryResult result = sendTrusting(certificate, port);

        assertThat(result.delivered()).as(result.error()).isTrue();
        assertThat(serverNames).as("the name the TLS handshake asked for").containsExactly(HOST);
        assertThat(hostHeaders).containsExactly(HOST + ":" + port);
    }

    @Test
    void a_certificate_for_another_name_is_not_accepted() throws Exception {
        KeyStore certificate = certificateFor("other.invalid");
        int port = startReceiver(certificate);

        DeliveryResult result = sendTrusting(certificate, port);

        assertThat(result.delivered()).isFalse();
        assertThat(result.error()).startsWith("webhook unreachable: SSL");
        assertThat(hostHeaders).as("nothing was sent to a receiver that is not " + HOST).isEmpty();
    }

    private int startReceiver(KeyStore certificate) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(certificate, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(tls));
        receiver.createContext("/", exchange -> {
            ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
            session.getRequestedServerNames().forEach(name ->
                    serverNames.add(((SNIHostName) name).getAsciiName()));
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return receiver.getAddress().getPort();
    }

    /** Sends through a channel that trusts only the receiver's certificate and resolves {@value #HOST} to loopback. */
    private static DeliveryResult sendTrusting(KeyStore certificate, int port) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("receiver", certificate.getCertificate("receiver"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (WebhookChannel channel = new WebhookChannel("secret", Duration.ofSeconds(5), Clock.systemUTC(),
                WebhookTargets.of(HOST + ":" + port, ""),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, tls)) {
            return channel.send(webhookTo(HOST, port));
        }
    }

    /** A self-signed certificate whose subject and only alternative name is {@code name}. */
    private KeyStore certificateFor(String name) throws Exception {
        Path store = keys.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "san=dns:" + name, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        Certificate certificate = keyStore.getCertificate("receiver");
        assertThat(certificate).isNotNull();
        return keyStore;
    }

    private static Notification webhookTo(String host, int port) {
        String url = "https://" + host + ":" + port + "/hook";
        return Notification.plan(UUID.randomUUID(), "order.paid", "order-1", Channel.WEBHOOK, url, "order.paid",
                "Order order-1 is paid", Clock.systemUTC().instant());
    }
}
