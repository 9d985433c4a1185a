package io.kafkaorchestrator.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served on its own platform thread from its first request to its close: read a request head,
 * answer it, skip any body, again while the client keeps the connection. Blocking reads on a platform thread are woken
 * by the kernel directly, and the thread that reads a request also answers it: no request is handed between threads,
 * each hand-off being a wake-up on another CPU (docs/packaging.md, Scrape cost). Every wait on the client has a
 * deadline, so a slow client holds only its own thread, and {@link ConnectionSlots} gives up the longest waiting one
 * when a new connection needs the slot.
 */
final class HttpConnection implements Runnable, ConnectionSlots.Slot {

    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);

    /** An unwanted body up to this size is read and dropped to keep the connection; a larger one closes it. */
    private static final int MAX_SKIPPED_BODY = 64 * 1024;

    private final Socket socket;
    private final HttpApi.Limits limits;
    private final ConnectionSlots<HttpConnection> slots;
    private final Function<RequestHead, Answer> router;
    private final byte[] head;
    private final byte[] input = new byte[4096];
    private int inputStart;
    private int inputEnd;
    /** System.nanoTime by which the current wait on the client must end. */
    private long deadline;

    /** What to send for a request: the response, and any extra header lines (each ending CRLF). */
    record Answer(Response response, String extraHeaders) {}

    HttpConnection(
            Socket socket,
            HttpApi.Limits limits,
            ConnectionSlots<HttpConnection> slots,
            Function<RequestHead, Answer> router) {
        this.socket = socket;
        this.limits = limits;
        this.slots = slots;
        this.router = router;
        this.head = new byte[limits.maxHeaderBytes()];
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Duration firstByteWithin = limits.maxRequestTime();
            while (true) {
                deadline = System.nanoTime() + firstByteWithin.toNanos();
                if (!awaitByte(in)) {
                    return; // closed by the client, or silent for too long
                }
                slots.receiving(this);
                deadline = System.nanoTime() + limits.maxRequestTime().toNanos();
                int headLength = readHead(in);
                if (headLength < 0) {
                    return; // not HTTP, or a head over the limit: nothing to answer that a client would read
                }
                RequestHead request;
                try {
                    request = RequestHead.parse(head, headLength);
                } catch (RequestHead.BadRequest e) {
                    slots.answering(this);
                    write(
                            out,
                            new Answer(Response.json(e.status(), Map.of("error", e.getMessage())), ""),
                            false,
                            false,
                            false);
                    return;
                }
                slots.answering(this);
                boolean keepAlive =
                        request.keepAlive() && request.bodyLength() <= MAX_SKIPPED_BODY && !slots.stopping();
                write(out, router.apply(request), request.method().equals("HEAD"), keepAlive, request.http10());
                slots.waiting(this);
                if (!keepAlive || !skipBody(in, request.bodyLength())) {
                    return;
                }
                firstByteWithin = limits.idleTime();
            }
        } catch (SocketTimeoutException | EOFException e) {
            log.trace("HTTP client too slow or gone: {}", e.toString());
        } catch (IOException e) {
            log.trace("HTTP connection closed: {}", e.toString());
        } finally {
            slots.release(this);
        }
    }

    @Override
    public void giveUp() {
        try {
            socket.close();
        } catch (IOException e) {
            log.trace("closing an HTTP connection: {}", e.toString());
        }
    }

    /** Waits for the next byte; false if the client closed the connection or sent nothing in time. */
    private boolean awaitByte(InputStream in) throws IOException {
        if (inputStart < inputEnd) {
            return true;
        }
        try {
            fill(in);
            return true;
        } catch (SocketTimeoutException | EOFException e) {
            return false;
        }
    }

    /**
     * Reads request line and headers into {@link #head}, each line with its line end, up to the empty line that ends
     * them (consumed, not kept). Returns their length, or -1 when the first byte cannot start an HTTP method or the
     * head exceeds the limit.
     */
    private int readHead(InputStream in) throws IOException {
        int length = 0;
        int lineStart = 0;
        boolean requestLine = true; // the request line, or empty lines before it
        while (true) {
            int b = next(in);
            if (b == '\n') {
                int lineEnd = length > lineStart && head[length - 1] == '\r' ? length - 1 : length;
                if (lineEnd == lineStart) {
                    if (!requestLine) {
                        return lineStart;
                    }
                    length = lineStart; // empty lines before a request are skipped (RFC 9112 2.2)
                    continue;
                }
                requestLine = false;
            } else if (length == lineStart && requestLine && b != '\r' && !RequestHead.isTokenChar(b)) {
                return -1; // TLS, binary: not the method that starts a request line
            }
            if (length == head.length) {
                return -1;
            }
            head[length++] = (byte) b;
            if (b == '\n') {
                lineStart = length;
            }
        }
    }

    /** Reads and drops a request body; false when it cannot be kept within the limits (the connection then closes). */
    private boolean skipBody(InputStream in, long length) throws IOException {
        if (length == RequestHead.CHUNKED) {
            return skipChunks(in);
        }
        for (long left = length; left > 0; left--) {
            next(in);
        }
        return true;
    }

    /** RFC 9112 7.1: size line (hex, optional extensions), data, CRLF; a zero size, trailer lines, an empty line. */
    private boolean skipChunks(InputStream in) throws IOException {
        long skipped = 0;
        while (true) {
            String sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
            long size;
            try {
                size = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            skipped += size;
            if (size < 0 || skipped > MAX_SKIPPED_BODY) {
                return false;
            }
            if (size == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    skipped += trailer.length() + 2;
                    if (skipped > MAX_SKIPPED_BODY) {
                        return false;
                    }
                }
                return true;
            }
            skipBody(in, size);
            if (!line(in).isEmpty()) {
                return false;
            }
        }
    }

    private String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = next(in); b != '\n'; b = next(in)) {
            if (line.length() > 256) {
                throw new IOException("chunk line too long");
            }
            line.append((char) b);
        }
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        return line.substring(0, end);
    }

    private int next(InputStream in) throws IOException {
        if (inputStart == inputEnd) {
            fill(in);
        }
        return input[inputStart++] & 0xff;
    }

    /** Reads what the client has sent, waiting at most until {@link #deadline}. */
    private void fill(InputStream in) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the client's request did not arrive in time");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        int read = in.read(input);
        if (read < 0) {
            throw new EOFException("closed by the client");
        }
        inputStart = 0;
        inputEnd = read;
    }

    private static void write(OutputStream out, Answer answer, boolean headOnly, boolean keepAlive, boolean http10)
            throws IOException {
        Response response = answer.response();
        StringBuilder lines = new StringBuilder(192)
                .append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(reason(response.status()))
                .append("\r\nDate: ")
                .append(HttpDate.now())
                .append("\r\nContent-Type: ")
                .append(response.contentType())
                .append("\r\nCache-Control: no-store\r\nContent-Length: ")
                .append(response.body().length)
                .append("\r\n")
                .append(answer.extraHeaders());
        if (!keepAlive) {
            lines.append("Connection: close\r\n");
        } else if (http10) {
            lines.append("Connection: keep-alive\r\n");
        }
        byte[] headBytes = lines.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        int bodyLength = headOnly ? 0 : response.body().length;
        byte[] message = new byte[headBytes.length + bodyLength];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(response.body(), 0, message, headBytes.length, bodyLength);
        out.write(message);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }
}
