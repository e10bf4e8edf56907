package dev.atelier.bootstrap.cli.support;

import io.micronaut.context.exceptions.BeanContextException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an exception into the one line an operator reads: what failed and, when the top message does not say
 * it, the underlying reason (such as "Connection refused"). Framework wrappers that only say which bean could
 * not be built are skipped; the full chain is still available with {@code --verbose}.
 */
public final class Failures {

    private static final int MAX_LENGTH = 400;

    private Failures() {
    }

    public static String oneLine(Throwable failure) {
        List<Throwable> chain = chain(failure);
        Throwable shown = chain.stream().filter(t -> !(t instanceof BeanContextException) && hasMessage(t))
                .findFirst().orElse(chain.get(chain.size() - 1));
        Throwable root = chain.get(chain.size() - 1);
        String message = message(shown);
        String reason = message(root);
        boolean saysItAlready = message.toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT));
        if (root != shown && hasMessage(root) && !saysItAlready && !translatedByDriver(shown, root)) {
            message = message + ": " + reason;
        }
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return firstLine.length() <= MAX_LENGTH ? firstLine : firstLine.substring(0, MAX_LENGTH - 1) + "…";
    }

    /** A JDBC driver turns the network error under it into its own message ("Connection to host:port refused"). */
    private static boolean translatedByDriver(Throwable shown, Throwable root) {
        return shown instanceof java.sql.SQLException && shown.getCause() == root;
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean hasMessage(Throwable t) {
        return t.getMessage() != null && !t.getMessage().isBlank();
    }

    private static String message(Throwable t) {
        if (t instanceof ConnectException && !hasMessage(t)) {
            return "connection refused";
        }
        return hasMessage(t) ? t.getMessage() : t.getClass().getSimpleName();
    }
}
