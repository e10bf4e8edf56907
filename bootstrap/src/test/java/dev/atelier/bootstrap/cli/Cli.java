package dev.atelier.bootstrap.cli;

import dev.atelier.bootstrap.testing.SharedInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the operator CLI in this JVM through its entry point, as {@code java -jar atelier.jar <args>} would,
 * and captures what it prints and its exit code.
 */
final class Cli {

    private Cli() {
    }

    /**
     * Against the shared PostgreSQL and Kafka, in the external run mode (as a service started by
     * {@link SharedInfrastructure#startService} is), with {@code settings} on top.
     */
    static Result run(Map<String, Object> settings, String... args) {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.infrastructure().properties());
        properties.putAll(settings);
        return run(Map.of("KAFKA_BROKERS", String.valueOf(properties.get("kafka.bootstrap.servers")),
                "DATABASE_URL", String.valueOf(properties.get("datasources.default.url"))), properties, args);
    }

    static Result run(Map<String, String> env, Map<String, Object> overrides, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = AtelierCli.run(args, env, overrides, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(Arrays.asList(args), exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** A loopback port nothing listens on: what a client sees of a dependency that is down. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(List<String> args, int exitCode, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        /** The line of a doctor check whose subject starts with {@code subject}, e.g. "kafka". */
        String check(String subject) {
            return lines().stream()
                    .filter(line -> line.startsWith("[ OK ] " + subject) || line.startsWith("[FAIL] " + subject))
                    .findFirst().orElseThrow(() -> new AssertionError("no check '" + subject + "' in\n" + this));
        }

        @Override
        public String toString() {
            return "atelier " + String.join(" ", args) + " → exit " + exitCode + "\n--- stdout\n" + out
                    + "--- stderr\n" + err;
        }
    }
}
