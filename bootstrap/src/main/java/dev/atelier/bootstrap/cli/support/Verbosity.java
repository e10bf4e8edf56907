package dev.atelier.bootstrap.cli.support;

/**
 * Whether the operator asked for {@code --verbose}: the libraries' warnings and the stack trace of a failure
 * on stderr. It is known before the application context starts (logging is set up first), and commands get it
 * injected from there.
 */
public record Verbosity(boolean verbose) {

    public static final String OPTION = "--verbose";

    public static Verbosity of(String[] args) {
        return new Verbosity(java.util.Arrays.asList(args).contains(OPTION));
    }
}
