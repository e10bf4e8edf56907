package dev.atelier.bootstrap.eventlog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.atelier.application.eventlog.ApplicationLogEntry;
import dev.atelier.application.eventlog.EventLog;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;

/**
 * Copies the service's warnings and errors into {@code application_logs}. It only hands entries to the
 * buffered {@link EventLog}, so logging never waits on the store; the writer's own complaints are left
 * out, or a store that is down would feed on itself.
 */
final class ApplicationLogAppender extends AppenderBase<ILoggingEvent> {

    static final String NAME = "ATELIER_EVENT_LOG";

    /** Stack traces are cut here; the full one is in the service's own log. */
    private static final int MAX_EXCEPTION_CHARS = 8_000;

    private final EventLog log;
    private final Level threshold;

    ApplicationLogAppender(EventLog log, Level threshold) {
        this.log = log;
        this.threshold = threshold;
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(threshold) || event.getLoggerName().equals(EventLog.WRITER_LOGGER)) {
            return;
        }
        Instant loggedAt = Instant.ofEpochMilli(event.getTimeStamp());
        log.record(new ApplicationLogEntry(TimeOrderedIds.at(loggedAt), loggedAt,
                event.getLevel().toString(), event.getLoggerName(), event.getFormattedMessage(),
                event.getThreadName(), exception(event.getThrowableProxy()), traceId(event)));
    }

    private static String exception(IThrowableProxy thrown) {
        if (thrown == null) {
            return "";
        }
        String text = ThrowableProxyUtil.asString(thrown);
        return text.length() <= MAX_EXCEPTION_CHARS ? text : text.substring(0, MAX_EXCEPTION_CHARS) + "…";
    }

    private static String traceId(ILoggingEvent event) {
        String traceId = event.getMDCPropertyMap().get("trace_id");
        return traceId == null ? "" : traceId;
    }
}
