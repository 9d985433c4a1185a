package io.kafkaorchestrator.reliability;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 spoken over a plain socket, so that tests can send what no well-behaved client library would: partial
 * requests, huge lines, garbage. Replies are read by Content-Length, which is all the sidecar ever sends.
 */
final class RawHttp {

    /** A reply: the status, and the body as text. */
    record Reply(int status, String body) {}

    /** What became of a request: a reply, or the connection ended (closed, reset, timed out) without one. */
    record Outcome(Reply reply, String ending) {
        static Outcome replied(Reply reply) {
            return new Outcome(reply, null);
        }

        static Outcome ended(String how) {
            return new Outcome(null, how);
        }

        @Override
        public String toString() {
            return reply != null ? "HTTP " + reply.status() : ending;
        }
    }

    static final String CLOSED = "connection closed without a reply";
    static final String TIMED_OUT = "no reply in time";

    private RawHttp() {}

    static String get(String path, String... headers) {
        return request("GET", path, headers);
    }

    /** A request without a body, Host header included; each extra header is a whole "Name: value" line. */
    static String request(String method, String path, String... headers) {
        StringBuilder request =
                new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: sidecar\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    static Socket connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Sends the bytes on a new connection and says what came back within the time given. */
    static Outcome exchange(int port, byte[] request, Duration within) {
        try (Socket socket = connect(port, within)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one reply; the connection ending first (or the read timing out) is an outcome too. */
    static Outcome read(InputStream in) {
        try {
            return Outcome.replied(readReply(in));
        } catch (SocketTimeoutException e) {
            return Outcome.ended(TIMED_OUT);
        } catch (EOFException | SocketException e) {
            return Outcome.ended(CLOSED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one reply; EOFException if the connection ends before it is complete. */
    static Reply readReply(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0
                    && header.substring(0, colon)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .equals("content-length")) {
                length = Integer.parseInt(header.substring(colon + 1).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed in a reply's body");
        }
        return new Reply(Integer.parseInt(parts[1]), new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("connection closed in a reply");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
