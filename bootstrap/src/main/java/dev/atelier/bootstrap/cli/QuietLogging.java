package dev.atelier.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Keeps a command's output its own. The service's logging is made for a service: INFO lines on stdout. For a
 * command, stdout carries only its results (so they can be piped and parsed), and the libraries (Kafka,
 * Hikari, Micronaut) speak only of errors, on stderr; {@code --verbose} lets their warnings through too.
 * Everything is put back on {@link #close()}, for commands run inside another program such as a test.
 */
final class QuietLogging implements AutoCloseable {

    private static final String STDOUT = "System.out";
    private static final String STDERR = "System.err";

    private final Map<Logger, Level> previousLevels;
    private final List<ConsoleAppender<ILoggingEvent>> movedToStderr;

    private QuietLogging(Map<Logger, Level> previousLevels, List<ConsoleAppender<ILoggingEvent>> movedToStderr) {
        this.previousLevels = previousLevels;
        this.movedToStderr = movedToStderr;
    }

    static QuietLogging apply(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new QuietLogging(Map.of(), List.of());
        }
        Level threshold = verbose ? Level.WARN : Level.ERROR;
        Map<Logger, Level> previous = new LinkedHashMap<>();
        // The root and every logger given a level of its own (logback.xml sets some): each is raised to the threshold.
        for (Logger logger : context.getLoggerList()) {
            Level level = logger.getLevel();
            if (level != null && !level.isGreaterOrEqual(threshold)) {
                previous.put(logger, level);
                logger.setLevel(threshold);
            }
        }
        List<ConsoleAppender<ILoggingEvent>> moved = new ArrayList<>();
        Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            if (appenders.next() instanceof ConsoleAppender<ILoggingEvent> console
                    && STDOUT.equals(console.getTarget())) {
                retarget(console, STDERR);
                moved.add(console);
            }
        }
        return new QuietLogging(previous, moved);
    }

    /* A console appender picks its stream when it starts; stopping it does not close System.out. */
    private static void retarget(ConsoleAppender<ILoggingEvent> console, String target) {
        console.stop();
        console.setTarget(target);
        console.start();
    }

    @Override
    public void close() {
        movedToStderr.forEach(console -> retarget(console, STDOUT));
        previousLevels.forEach(Logger::setLevel);
    }
}
