package dev.atelier.bootstrap;

import dev.atelier.bootstrap.cli.AtelierCli;
import dev.atelier.bootstrap.embedded.EmbeddedInfrastructure;
import dev.atelier.bootstrap.embedded.RunMode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. Starts embedded infrastructure when none is configured, then the Micronaut context and the
 * HTTP server; on Ctrl-C or SIGTERM it stops in the reverse order: service first (so in-flight work ends
 * while its database and broker are still there), then the embedded broker and database.
 */
public final class Atelier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Atelier.class);

    private final EmbeddedInfrastructure infrastructure;
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private Atelier(EmbeddedInfrastructure infrastructure, ApplicationContext context, EmbeddedServer server) {
        this.infrastructure = infrastructure;
        this.context = context;
        this.server = server;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            // With a command, the same jar is the operator CLI: it runs the command and exits with its code.
            System.exit(AtelierCli.run(args, System.getenv(), Map.of(), System.out, System.err));
        }
        Atelier atelier;
        try {
            atelier = start(System.getenv(), Map.of(), args);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Atelier failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            atelier.close();
            stopped.countDown();
        }, "atelier-shutdown"));
        stopped.await();
    }

    /**
     * Starts the whole service.
     *
     * @param env       the environment variables that choose the run mode
     * @param overrides configuration that wins over everything else (tests use it)
     */
    public static Atelier start(Map<String, String> env, Map<String, Object> overrides, String... args) {
        RunMode mode = RunMode.from(env);
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(mode);
        ApplicationContext context = null;
        try {
            Map<String, Object> properties = new java.util.HashMap<>(infrastructure.properties());
            properties.putAll(mode.impliedSettings(env));
            properties.putAll(overrides);
            context = ApplicationContext.builder(Atelier.class)
                    .deduceEnvironment(false)
                    .properties(properties)
                    .args(args)
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            LOG.info("Atelier is up: HTTP {}{}{}", server.getURL(),
                    mode.embedsAnything() ? ", " : "", infrastructure.describe());
            if (context.getProperty("atelier.operator.token", String.class).filter(t -> !t.isBlank()).isEmpty()) {
                LOG.warn("OPERATOR_TOKEN is not set: the operator endpoints (/api/dlq, /api/outbox, /api/logs) answer"
                        + " anyone who reaches {}; set it, or keep the port behind a gateway", server.getURL());
            }
            return new Atelier(infrastructure, context, server);
        } catch (RuntimeException | Error e) {
            if (context != null) {
                context.close();
            }
            infrastructure.close();
            throw e;
        }
    }

    public ApplicationContext context() {
        return context;
    }

    public EmbeddedServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            if (server.isRunning()) {
                server.stop();
            }
            context.close();
        } finally {
            infrastructure.close();
        }
    }
}
