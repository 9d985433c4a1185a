package io.kafkaorchestrator.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The request line and headers of one HTTP/1.x request, as far as this server needs them. {@link #parse} is pure: the
 * connection reads the bytes, this decides what they mean (RFC 9112), so the table of good and bad requests is
 * unit-tested without a socket.
 *
 * @param method     as sent (methods are case-sensitive: {@code get} is not GET)
 * @param path       the request target up to its query, undecoded: routes match it exactly
 * @param keepAlive  whether the client keeps the connection for another request (HTTP/1.1 unless
 *                   {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 * @param http10     an HTTP/1.0 client, which must be told {@code Connection: keep-alive} to keep the connection
 * @param accept     the first Accept header
 * @param bodyLength bytes of body that follow the head, or {@link #CHUNKED}
 */
record RequestHead(
        String method, String path, boolean keepAlive, boolean http10, Optional<String> accept, long bodyLength) {

    /** {@link #bodyLength} of a body sent with {@code Transfer-Encoding: chunked}. */
    static final long CHUNKED = -1;

    private static final int MAX_HEADERS = 64;
    /** What an error message quotes of the client's own request, at most. */
    private static final int QUOTED_CHARS = 60;

    /** A request this server answers with an error status, then closes the connection (its framing is unknown). */
    static final class BadRequest extends Exception {
        private final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Parses a request head: its lines as read, the request line first, each ending in a line feed (CRLF or a bare
     * LF); the empty line that ends the head is not included.
     */
    static RequestHead parse(byte[] head, int length) throws BadRequest {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf('\n');
        String requestLine = stripCr(lineEnd < 0 ? text : text.substring(0, lineEnd));
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            throw new BadRequest(
                    400,
                    "the request line " + quoted(requestLine) + " must be METHOD, a space, the path,"
                            + " a space and the HTTP version, as in 'GET /health/ready HTTP/1.1'");
        }
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        String version = requestLine.substring(lastSpace + 1);
        if (!isToken(method)) {
            throw new BadRequest(
                    400, "the method " + quoted(method) + " must be letters, digits or !#$%&'*+-.^_`|~, as in GET");
        }
        if (!isHttpVersion(version)) {
            throw new BadRequest(
                    400, "the HTTP version " + quoted(version) + " must be HTTP/ and two digits, as in HTTP/1.1");
        }
        if (!version.startsWith("HTTP/1.")) {
            throw new BadRequest(505, "HTTP version " + quoted(version) + " is not served; use HTTP/1.1 or HTTP/1.0");
        }
        target = withoutSchemeAndHost(target);
        if (!isOriginForm(target)) {
            throw new BadRequest(
                    400,
                    "the path " + quoted(target) + " must start with / and hold only URI characters;"
                            + " percent-encode others");
        }
        boolean http10 = version.equals("HTTP/1.0");

        Optional<String> accept = Optional.empty();
        String connection = "";
        String contentLength = null;
        String transferEncoding = null;
        int headers = 0;
        for (int start = lineEnd + 1; lineEnd >= 0 && start < text.length(); start = lineEnd + 1) {
            lineEnd = text.indexOf('\n', start);
            String line = stripCr(lineEnd < 0 ? text.substring(start) : text.substring(start, lineEnd));
            if (++headers > MAX_HEADERS) {
                throw new BadRequest(431, "more than " + MAX_HEADERS + " headers; send at most " + MAX_HEADERS);
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new BadRequest(
                        400,
                        "header line " + headers + " must be a name (letters, digits or"
                                + " !#$%&'*+-.^_`|~, no spaces), a colon and a value");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (!isFieldValue(value)) {
                throw new BadRequest(
                        400,
                        "header " + name + " holds control characters; only visible characters,"
                                + " spaces and tabs are accepted");
            }
            switch (name) {
                case "accept" -> accept = accept.isPresent() ? accept : Optional.of(value);
                case "connection" -> connection = connection + "," + value.toLowerCase(Locale.ROOT);
                case "content-length" -> {
                    if (contentLength != null && !contentLength.equals(value)) {
                        throw new BadRequest(
                                400,
                                "two different Content-Length headers, " + quoted(contentLength) + " and "
                                        + quoted(value) + "; send one");
                    }
                    contentLength = value;
                }
                case "transfer-encoding" ->
                    transferEncoding = transferEncoding == null ? value : transferEncoding + ", " + value;
                default -> {}
            }
        }

        long bodyLength = 0;
        if (transferEncoding != null) {
            if (contentLength != null) {
                throw new BadRequest(400, "both Content-Length and Transfer-Encoding; send one");
            }
            if (!transferEncoding.equalsIgnoreCase("chunked")) {
                throw new BadRequest(
                        501,
                        "Transfer-Encoding " + quoted(transferEncoding) + " is not read; the only one"
                                + " accepted is chunked");
            }
            bodyLength = CHUNKED;
        } else if (contentLength != null) {
            if (!isDigits(contentLength, 18)) {
                throw new BadRequest(
                        400, "Content-Length " + quoted(contentLength) + " must be a number of bytes (digits only)");
            }
            bodyLength = Long.parseLong(contentLength);
        }
        boolean keepAlive = http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
        int query = target.indexOf('?');
        return new RequestHead(
                method, query < 0 ? target : target.substring(0, query), keepAlive, http10, accept, bodyLength);
    }

    /** A target in absolute form ({@code http://host:port/path}, RFC 9112 3.2.2) as its path and query. */
    private static String withoutSchemeAndHost(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        int authority = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
        if (authority < 0) {
            return target;
        }
        int path = target.indexOf('/', authority);
        int query = target.indexOf('?', authority);
        if (path < 0 || (query >= 0 && query < path)) {
            return "/" + (query < 0 ? "" : target.substring(query));
        }
        return target.substring(path);
    }

    /** HTTP/d.d */
    private static boolean isHttpVersion(String version) {
        return version.length() == 8
                && version.startsWith("HTTP/")
                && isDigits(version.substring(5, 6), 1)
                && version.charAt(6) == '.'
                && isDigits(version.substring(7), 1);
    }

    private static boolean isDigits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A value from the request, in quotes and cut short: the answer says what was wrong without echoing 16 KiB. */
    private static String quoted(String value) {
        return "'" + (value.length() > QUOTED_CHARS ? value.substring(0, QUOTED_CHARS) + "..." : value) + "'";
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean hasToken(String commaSeparated, String token) {
        for (String part : commaSeparated.split(",")) {
            if (part.strip().equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110 token: visible ASCII except delimiters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(int c) {
        return c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** An absolute path and optional query of URI characters (RFC 3986: unreserved, reserved and %). */
    private static boolean isOriginForm(String target) {
        if (!target.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean uri = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
            if (!uri) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters, spaces and tabs; bytes over 0x7f are allowed as opaque text (RFC 9110 obs-text). */
    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
