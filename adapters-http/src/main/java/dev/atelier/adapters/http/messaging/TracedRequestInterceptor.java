package dev.atelier.adapters.http.messaging;

import dev.atelier.application.messaging.MessageContext;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

/**
 * Binds the request's message context on the thread that runs the controller method (a worker thread, not
 * the event loop a filter would run on), for exactly the duration of the call.
 */
@Singleton
@InterceptorBean(TracedRequest.class)
class TracedRequestInterceptor implements MethodInterceptor<Object, Object> {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        MessageContext messageContext = ServerRequestContext.currentRequest()
                .map(TracedRequestInterceptor::contextOf)
                .orElseGet(MessageContext::newFlow);
        return messageContext.run(context::proceed);
    }

    private static MessageContext contextOf(HttpRequest<?> request) {
        return MessageContext.continuing(request.getHeaders().get("traceparent"),
                request.getHeaders().get(CORRELATION_HEADER), null);
    }
}
