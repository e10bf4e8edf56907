package dev.atelier.application.messaging;

import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What ties messages of one business flow together: a W3C trace context, a correlation id shared by
 * everything one request caused, and the id of the message that directly caused this one.
 *
 * <p>The context of the work in progress is bound to the current thread by whoever starts the work (an HTTP
 * request, a consumed event) and read by the outbox when it stores an event, so that use cases never have to
 * pass it around.
 *
 * @param traceparent   W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>})
 * @param correlationId the id shared by every message of one flow
 * @param causationId   the id of the message that caused this one, or null for a flow's first message
 */
public record MessageContext(String traceparent, String correlationId, String causationId) {

    private static final ThreadLocal<MessageContext> CURRENT = new ThreadLocal<>();
    /** Checked for every message consumed: compiled once rather than by {@code String.matches} each time. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ZERO_TRACE_ID = "0".repeat(32);

    public MessageContext {
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A new flow: fresh trace and correlation ids. */
    public static MessageContext newFlow() {
        return new MessageContext(newTraceparent(randomHex(16)), UUID.randomUUID().toString(), null);
    }

    /**
     * The context of a flow that arrives from outside; missing or malformed parts are replaced, so a bad
     * header never breaks a request.
     */
    public static MessageContext continuing(String traceparent, String correlationId, String causationId) {
        String trace = isValidTraceparent(traceparent) ? traceparent : newTraceparent(randomHex(16));
        String correlation = correlationId == null || correlationId.isBlank() || correlationId.length() > 200
                ? UUID.randomUUID().toString() : correlationId;
        return new MessageContext(trace, correlation, causationId);
    }

    /** The context for messages caused by {@code event}: same trace and correlation, caused by that event. */
    public MessageContext causedBy(UUID eventId) {
        return new MessageContext(traceparent, correlationId, eventId.toString());
    }

    /** The traceparent for one outgoing message: the same trace, a new span. */
    public String childTraceparent() {
        return newTraceparent(traceparent.substring(3, 35));
    }

    public static MessageContext current() {
        MessageContext context = CURRENT.get();
        return context == null ? newFlow() : context;
    }

    /** Runs {@code work} with this context bound to the thread, restoring the previous one afterwards. */
    public <T> T run(Supplier<T> work) {
        MessageContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static boolean isValidTraceparent(String value) {
        return value != null && TRACEPARENT.matcher(value).matches() && !value.startsWith(ZERO_TRACE_ID, 3);
    }

    private static String newTraceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    /**
     * Trace and span ids must be unique, not secret: a per-thread generator (as OpenTelemetry uses) avoids the
     * lock every caller of one shared SecureRandom would queue on, once per message.
     */
    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
