package dev.atelier.bootstrap.eventlog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.atelier.application.eventlog.EventLog;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;

/**
 * Attaches {@link ApplicationLogAppender} to the root logger while the service runs, and takes it off
 * again when the service stops (several services may start and stop in one JVM, as tests do).
 */
@Context
@Requires(property = "atelier.event-log.application-logs.enabled", notEquals = "false")
class ApplicationLogForwarding {

    private final Logger root;
    private final ApplicationLogAppender appender;

    ApplicationLogForwarding(EventLog log, @Value("${atelier.event-log.application-logs.level:WARN}") String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.appender = new ApplicationLogAppender(log, Level.toLevel(level, Level.WARN));
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    @PreDestroy
    void detach() {
        root.detachAppender(appender);
        appender.stop();
    }
}
