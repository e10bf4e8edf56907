package dev.atelier.bootstrap.cli;

import dev.atelier.bootstrap.cli.support.Failures;
import dev.atelier.bootstrap.cli.support.Verbosity;
import dev.atelier.domain.shared.InvalidValueException;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The operator CLI: {@code java -jar atelier.jar <command>}. Runs one command against the dependencies of a
 * service (its database, broker and event log) and returns the exit code: {@value #OK} success, {@value #FAILED}
 * a check or an operation failed, including a dependency that cannot be reached, {@value #USAGE} a usage error.
 * Results go to stdout; errors go to stderr as one line (with the stack trace under {@code --verbose}).
 */
public final class AtelierCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private AtelierCli() {
    }

    /**
     * @param env       the environment variables that choose the run mode, as for the service
     * @param overrides configuration that wins over everything else (tests use it)
     */
    public static int run(String[] args, Map<String, String> env, Map<String, Object> overrides, PrintStream stdout,
                          PrintStream stderr) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        Verbosity verbosity = Verbosity.of(args);
        try (QuietLogging quiet = QuietLogging.apply(verbosity.verbose())) {
            ApplicationContext context;
            try {
                context = OperatorContext.start(env, overrides);
            } catch (RuntimeException e) {
                reportFailure(e, err, verbosity);
                return FAILED;
            }
            try (MicronautFactory factory = new MicronautFactory(context)) {
                context.registerSingleton(Verbosity.class, verbosity);
                return commandLine(factory, out, err, verbosity).execute(args);
            } catch (RuntimeException e) {
                reportFailure(e, err, verbosity);
                return FAILED;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine commandLine(CommandLine.IFactory factory, PrintWriter out, PrintWriter err,
                                           Verbosity verbosity) {
        return new CommandLine(AtelierCommand.class, factory)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(new UsageError())
                .setExecutionExceptionHandler(new Failure(verbosity));
    }

    private static void reportFailure(Throwable failure, PrintWriter err, Verbosity verbosity) {
        err.println("error: " + Failures.oneLine(failure));
        if (verbosity.verbose()) {
            failure.printStackTrace(err);
        }
    }

    private static void printUsageHint(CommandLine command, PrintWriter err) {
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    }

    /** A wrong or missing argument: what is wrong, and where the help is; exit code 2. */
    private static final class UsageError implements IParameterExceptionHandler {

        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine command = ex.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("error: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            printUsageHint(command, err);
            return USAGE;
        }
    }

    /**
     * A command that threw: a value the application refuses (an unknown log filter, a limit out of range) is a
     * usage error like a parse error; anything else failed, and says why in one line.
     */
    private static final class Failure implements IExecutionExceptionHandler {

        private final Verbosity verbosity;

        Failure(Verbosity verbosity) {
            this.verbosity = verbosity;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
            PrintWriter err = command.getErr();
            if (ex instanceof InvalidValueException invalid) {
                err.println("error: " + invalid.getMessage());
                printUsageHint(command, err);
                return USAGE;
            }
            reportFailure(ex, err, verbosity);
            return FAILED;
        }
    }
}
