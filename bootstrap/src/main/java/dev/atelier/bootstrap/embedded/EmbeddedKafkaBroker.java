package dev.atelier.bootstrap.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka broker in KRaft combined mode (broker and controller in one), running inside
 * this JVM on loopback. Its log lives in {@code <data dir>/kafka} and is formatted once, so topics and
 * committed offsets survive a restart. Topics are never auto-created: the service provisions its own.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** @param port the client port, 0 for any free port */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        try {
            Path logDir = Files.createDirectories(dataDir.resolve("kafka"));
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties config = brokerConfig(logDir, clientPort, controllerPort);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                formatStorage(dataDir, config);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(server, "127.0.0.1:" + clientPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
        }
    }

    private static Properties brokerConfig(Path logDir, int clientPort, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toAbsolutePath().toString());
        config.put("auto.create.topics.enable", "false");
        // One node: internal topics must not ask for more replicas than exist, or consumer groups never work.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "10");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        // After a crash the restarted broker may register only once the controller has fenced its previous
        // incarnation, when that one's session times out: with the default 9 s a restart after kill -9 took
        // 19 s, with 3 s it took 10 s. Broker and controller share this process, so heartbeats cross loopback
        // only; four of them fit in a session, as with the defaults.
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "750");
        return config;
    }

    /** Formats the log directory on first start; later starts keep the cluster id and all data. */
    private static void formatStorage(Path dataDir, Properties config) throws IOException {
        Path propertiesFile = dataDir.resolve("kafka-server.properties");
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            config.store(out, "embedded Kafka broker, written at every start");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = StorageTool.execute(new String[] {"format", "--config", propertiesFile.toString(),
                "--cluster-id", Uuid.randomUuid().toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
