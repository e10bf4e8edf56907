package dev.atelier.adapters.http;

import dev.atelier.adapters.http.problem.Problem;
import dev.atelier.adapters.http.problem.Problems;
import dev.atelier.domain.shared.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;

/**
 * Refuses, as a malformed request, a path or a query parameter that holds the NUL character ({@code %00}). No
 * text the service stores or looks up may hold one (PostgreSQL's text cannot), so a filter with one would
 * otherwise fail in the database, as an error of the service. JSON bodies are checked as they are read
 * ({@link JsonConventions}).
 */
@ServerFilter("/**")
final class NulInRequestFilter {

    private static final char NUL = '\0';

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseNul(HttpRequest<?> request) {
        // The path as it came (Netty's request keeps it percent-encoded); its variables are decoded later.
        String path = request.getPath();
        if (path.contains("%00") || path.indexOf(NUL) >= 0) {
            return refuse(request, "the path must not contain the NUL character (%00)", List.of());
        }
        for (String name : request.getParameters().names()) {
            boolean nul = name.indexOf(NUL) >= 0
                    || request.getParameters().getAll(name).stream().anyMatch(value -> value.indexOf(NUL) >= 0);
            if (nul) {
                String shown = Texts.withoutNul(name);
                String message = "the query parameter " + shown + " must not contain the NUL character (%00)";
                return refuse(request, message, List.of(new Problem.FieldError(shown, message)));
            }
        }
        return null;
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, String detail, List<Problem.FieldError> errors) {
        return Problems.of(request, HttpStatus.BAD_REQUEST, "malformed-request", detail, errors);
    }
}
