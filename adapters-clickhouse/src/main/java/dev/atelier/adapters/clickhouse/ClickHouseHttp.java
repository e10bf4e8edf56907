package dev.atelier.adapters.clickhouse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * ClickHouse's HTTP interface: a statement (and, for an insert, its rows) is the body of a POST, the answer is
 * the body of the response, and any status other than 200 is an error described in that body.
 */
final class ClickHouseHttp {

    /**
     * {@code wait_end_of_query}: the server buffers the answer, so an error found halfway through a result is
     * an error status rather than a 200 whose body ends in an error text. {@code
     * output_format_json_quote_64bit_integers=0}: 64-bit numbers come back as JSON numbers, not strings.
     * Both are understood by 18.16 and by current releases.
     */
    private static final String SETTINGS = "?wait_end_of_query=1&output_format_json_quote_64bit_integers=0";

    private final HttpClient client;
    private final URI endpoint;
    private final String baseUrl;
    private final String server;
    private final String username;
    private final String password;
    private final Duration requestTimeout;

    ClickHouseHttp(URI url, String username, String password, Duration requestTimeout) {
        Objects.requireNonNull(url, "url");
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, got " + withoutUserInfo(url));
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        this.baseUrl = withoutUserInfo(url);
        this.endpoint = URI.create(baseUrl + "/" + SETTINGS);
        this.server = "ClickHouse at " + baseUrl;
        this.username = username == null || username.isBlank() ? "default" : username;
        this.password = password == null ? "" : password;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                // 18.16 speaks HTTP/1.1 only; asking for an upgrade on every request is wasted work.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build();
    }

    /** Where the server is: scheme, host and port, nothing secret. */
    String baseUrl() {
        return baseUrl;
    }

    /** The server, as error messages name it. */
    String server() {
        return server;
    }

    /** Runs one statement and returns ClickHouse's answer. */
    String execute(String action, String sql) {
        return send(action, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request body: a statement, optionally followed by the rows an {@code INSERT ... FORMAT} reads. */
    String send(String action, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("X-ClickHouse-User", username)
                .header("X-ClickHouse-Key", password)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = exchange(action, request);
        if (response.statusCode() != 200) {
            throw ClickHouseException.refused(server, action, response.statusCode(), response.body());
        }
        return response.body();
    }

    /**
     * Sends a request, trying once more when an exchange breaks off on an established connection: that is
     * almost always a pooled connection the server closed while it was idle (its keep-alive timeout), which
     * the client notices only when it uses it. Every request of this store may be sent twice safely: inserts
     * are deduplicated by entry id and schema statements are {@code IF NOT EXISTS}.
     */
    private HttpResponse<String> exchange(String action, HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                throw ClickHouseException.unreachable(server, action, "did not answer within " + requestTimeout, e);
            } catch (ConnectException e) {
                throw ClickHouseException.unreachable(server, action, "refused the connection", e);
            } catch (IOException e) {
                if (attempt == 2) {
                    throw ClickHouseException.unreachable(server, action, "broke off the exchange (" + e + ")", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ClickHouseException.unreachable(server, action, "was not awaited: the thread was interrupted", e);
            }
        }
    }

    private static String withoutUserInfo(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port;
    }
}
