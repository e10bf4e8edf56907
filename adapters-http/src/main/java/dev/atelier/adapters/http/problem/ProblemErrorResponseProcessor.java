package dev.atelier.adapters.http.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Turns the errors Micronaut raises itself (malformed JSON, a missing body, a wrong query parameter type,
 * an unknown route, a wrong method or media type) into problem documents, so that clients meet one error
 * format. A 500 says nothing about the cause to the client; the cause is in the service log.
 */
@Primary
@Singleton
class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status == HttpStatus.BAD_REQUEST) {
            Optional<JsonErrors.Explanation> json = context.getRootCause().flatMap(JsonErrors::explain);
            if (json.isPresent()) {
                JsonErrors.Explanation explanation = json.get();
                List<Problem.FieldError> errors = explanation.field() == null ? List.of()
                        : List.of(new Problem.FieldError(explanation.field(), explanation.message()));
                return respond(response, status, "malformed-request", explanation.message(), context, errors);
            }
        }
        String detail = status.getCode() >= 500
                ? "The service failed to handle the request; it has been logged."
                : context.getErrors().stream().map(Error::getMessage).reduce((a, b) -> a + "; " + b)
                        .orElse(status.getReason());
        List<Problem.FieldError> errors = status.getCode() >= 500 ? List.of() : context.getErrors().stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> new Problem.FieldError(error.getPath().get(), error.getMessage()))
                .toList();
        return respond(response, status, kind(status), detail, context, errors);
    }

    private static MutableHttpResponse<Problem> respond(MutableHttpResponse<?> response, HttpStatus status, String kind,
                                                        String detail, ErrorContext context,
                                                        List<Problem.FieldError> errors) {
        Problem problem = new Problem(Problems.TYPE_BASE + kind, status.getReason(), status.getCode(), detail,
                context.getRequest().getPath(), errors);
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static String kind(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case NOT_ACCEPTABLE -> "not-acceptable";
            default -> status.getCode() >= 500 ? "internal-error" : "request-rejected";
        };
    }
}
