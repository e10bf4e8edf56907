package dev.atelier.adapters.http.messaging;

import io.micronaut.aop.Around;
import io.micronaut.context.annotation.Type;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a controller method inside the message context of its request, so that every event the request
 * causes carries the caller's trace ({@code traceparent}) and correlation id ({@code X-Correlation-Id}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
@Type(TracedRequestInterceptor.class)
public @interface TracedRequest {
}
