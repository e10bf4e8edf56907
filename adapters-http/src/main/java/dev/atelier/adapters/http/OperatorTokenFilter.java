package dev.atelier.adapters.http;

import dev.atelier.adapters.http.problem.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The operator's endpoints (dead letters, the outbox, the event log) can park, replay and discard messages and
 * show every message's metadata; with {@code OPERATOR_TOKEN} set they answer only a request that carries
 * {@code Authorization: Bearer <token>}, and 401 to any other. Unset, they are open, as the rest of the API is:
 * then keep the port behind a gateway. The comparison takes the same time whatever the guess, so the token cannot
 * be found a character at a time.
 */
@ServerFilter({"/api/dlq", "/api/dlq/**", "/api/outbox", "/api/outbox/**", "/api/logs", "/api/logs/**"})
final class OperatorTokenFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    OperatorTokenFilter(@Value("${atelier.operator.token:}") String token) {
        this.expected = token.isBlank() ? null : digest(token.strip());
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> requireToken(HttpRequest<?> request) {
        if (expected == null) {
            return null;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String given = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : "";
        if (MessageDigest.isEqual(digest(given), expected)) {
            return null;
        }
        return Problems.of(request, HttpStatus.UNAUTHORIZED, "unauthorized",
                "operator endpoints need the header Authorization: Bearer <OPERATOR_TOKEN>", List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    /** Both sides hashed first: equal lengths, so the comparison's time tells nothing about the token. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
