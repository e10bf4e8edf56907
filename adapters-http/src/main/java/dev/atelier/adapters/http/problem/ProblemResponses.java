package dev.atelier.adapters.http.problem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells the OpenAPI document that every operation of a controller answers an error (400, 404, 409, 412, 422;
 * 503 when a store does not answer) with an {@code application/problem+json} body. Status ranges, because
 * the generator reads the {@code default} response as the success one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "4XX", description = "the request cannot be served as it is; application/problem+json (RFC 9457)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "a dependency does not answer; application/problem+json (RFC 9457)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public @interface ProblemResponses {
}
