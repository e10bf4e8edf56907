package dev.atelier.bootstrap.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The service as a process of its own, started from the test classpath the way its jar starts, so that a
 * test can kill it (SIGKILL) and start it again. Its output is appended to a log file, which the test keeps
 * when it fails.
 */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    /**
     * @param env the environment on top of this JVM's, without KAFKA_BROKERS and DATABASE_URL unless given:
     *            the run mode follows from it as it does for a user
     */
    public static Process start(Map<String, String> env, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.atelier.bootstrap.Atelier")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("KAFKA_BROKERS");
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits until the service on {@code port} is healthy; fails at once should the process exit instead. */
    public static Http awaitHealthy(int port, Process process) {
        Http http = new Http(URI.create("http://127.0.0.1:" + port));
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> !process.isAlive() || http.get("/health").status() == 200);
        assertThat(process.isAlive()).as("the service exited; its log says why").isTrue();
        return http;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
