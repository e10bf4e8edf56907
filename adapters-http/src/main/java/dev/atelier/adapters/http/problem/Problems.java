package dev.atelier.adapters.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem responses; {@code type} points at the section of the API docs that explains the error. */
public final class Problems {

    static final String TYPE_BASE = "https://atelier.dev/problems/";

    private Problems() {
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, HttpStatus status, String kind,
                                                  String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(TYPE_BASE + kind, status.getReason(), status.getCode(), detail,
                request == null ? null : request.getPath(), errors);
        return HttpResponse.<Problem>status(status).body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
