package dev.atelier.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The benchmark's load generator: HTTP/1.1 POSTs of JSON over one kept-alive socket per calling thread, and
 * nothing else. It shares the machine's two cores with the service it measures, so it must cost little: the
 * JDK's HttpClient took about a fifth of the JVM's CPU in an intake run, which tools such as wrk avoid by
 * being lean. It reads what this service answers (a status line, headers, a body of Content-Length bytes or
 * chunked) and is not a general client.
 */
final class LeanHttpClient implements AutoCloseable {

    /** @param lastOnConnection the server closes the connection after this answer */
    record Response(int status, String body, boolean lastOnConnection) {
    }

    private final InetSocketAddress address;
    private final String host;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();

    LeanHttpClient(URI base) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.host = base.getHost() + ":" + base.getPort();
    }

    /** Sends the request on this thread's connection, opening a new one when the last was closed or broke. */
    Response postJson(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Connection connection = connections.get();
        if (connection == null) {
            connection = open();
        }
        Response response;
        try {
            response = connection.exchange(head, body);
        } catch (IOException | RuntimeException broken) {
            // Whatever went wrong, the stream may hold part of an answer: never read the next one from it.
            forget(connection);
            throw broken;
        }
        if (response.lastOnConnection()) {
            forget(connection);
        }
        return response;
    }

    private void forget(Connection connection) {
        connection.close();
        connections.remove();
        opened.remove(connection);
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(60_000);
        Connection connection = new Connection(socket);
        connections.set(connection);
        opened.add(connection);
        return connection;
    }

    /** Closes every connection any thread opened. */
    @Override
    public void close() {
        opened.forEach(Connection::close);
        opened.clear();
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            out.write(head);
            out.write(body);
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(Math.max(length, 256));
            if (chunked) {
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    content.write(exactly(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailer fields: none are of interest
                }
            } else if (length >= 0) {
                content.write(exactly(length));
            } else {
                content.write(in.readAllBytes()); // neither length nor chunks: the body ends with the connection
                close = true;
            }
            return new Response(status, content.toString(StandardCharsets.UTF_8), close);
        }

        private int chunkSize() throws IOException {
            String line = line();
            int extension = line.indexOf(';');
            return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private byte[] exactly(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("the server closed the connection in the middle of a body");
            }
            return bytes;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
