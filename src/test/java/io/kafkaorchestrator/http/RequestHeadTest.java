package io.kafkaorchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What a request head means (RFC 9112), and the status each malformed one is answered with. */
class RequestHeadTest {

    private static RequestHead parse(String head) throws RequestHead.BadRequest {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(bytes, bytes.length);
    }

    @Test
    void aProbe() throws Exception {
        assertThat(parse("GET /health/ready HTTP/1.1\r\nHost: 10.0.0.7:8080\r\nUser-Agent: kube-probe/1.31\r\n"
                        + "Accept: */*\r\nConnection: close\r\n"))
                .isEqualTo(new RequestHead("GET", "/health/ready", false, false, Optional.of("*/*"), 0));
    }

    @Test
    void aScrapeOnAKeptConnectionWithBareLineFeeds() throws Exception {
        assertThat(parse("GET /metrics?x=1 HTTP/1.1\nAccept: application/openmetrics-text;version=1.0.0\n"
                        + "accept: text/plain\n"))
                .isEqualTo(new RequestHead(
                        "GET", "/metrics", true, false, Optional.of("application/openmetrics-text;version=1.0.0"), 0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/health/live                       | /health/live",
                "/health/live?verbose=1             | /health/live",
                "/%2e%2e/health/live                | /%2e%2e/health/live",
                "http://10.0.0.7:8080/health/live   | /health/live",
                "HTTPS://sidecar/metrics?name[]=x   | /metrics",
                "http://sidecar                     | /",
                "http://sidecar?x=1                 | /"
            })
    void thePathIsTheTargetUpToItsQueryUndecoded(String target, String path) throws Exception {
        assertThat(parse("GET " + target + " HTTP/1.1\r\n").path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} Connection: {1} -> keep alive {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTP/1.1 | ''                | true",
                "HTTP/1.1 | close             | false",
                "HTTP/1.1 | Keep-Alive, Close | false",
                "HTTP/1.0 | ''                | false",
                "HTTP/1.0 | keep-alive        | true"
            })
    void keepAliveFollowsTheVersionAndTheConnectionHeader(String version, String connection, boolean keepAlive)
            throws Exception {
        String header = connection.isEmpty() ? "" : "Connection: " + connection + "\r\n";
        RequestHead head = parse("GET / " + version + "\r\n" + header);
        assertThat(head.keepAlive()).isEqualTo(keepAlive);
        assertThat(head.http10()).isEqualTo(version.equals("HTTP/1.0"));
    }

    @ParameterizedTest(name = "{0} -> body length {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Content-Length: 5                               | 5",
                "Content-Length: 5\\r\\nContent-Length: 5          | 5",
                "Transfer-Encoding: Chunked                      | -1",
                "X-Other: 1                                      | 0"
            })
    void theBodyLength(String headers, long length) throws Exception {
        assertThat(parse("GET / HTTP/1.1\r\n" + headers.replace("\\r\\n", "\r\n") + "\r\n")
                        .bodyLength())
                .isEqualTo(length);
    }

    static Stream<Arguments> malformedHeads() {
        return Stream.of(
                Arguments.of(
                        "garbage",
                        400,
                        "the request line 'garbage' must be METHOD, a space, the path, a space and the HTTP version,"
                                + " as in 'GET /health/ready HTTP/1.1'"),
                Arguments.of(
                        "GET /health/ready",
                        400,
                        "the request line 'GET /health/ready' must be METHOD, a space, the path,"
                                + " a space and the HTTP version, as in 'GET /health/ready HTTP/1.1'"),
                Arguments.of(
                        "GET  HTTP/1.1",
                        400,
                        "the path '' must start with / and hold only URI characters; percent-encode others"),
                Arguments.of(
                        "GET /a b HTTP/1.1",
                        400,
                        "the path '/a b' must start with / and hold only URI characters; percent-encode others"),
                Arguments.of(
                        "G(T / HTTP/1.1",
                        400,
                        "the method 'G(T' must be letters, digits or !#$%&'*+-.^_`|~, as in GET"),
                Arguments.of(
                        "GET /health/ready HTTP/1.x",
                        400,
                        "the HTTP version 'HTTP/1.x' must be HTTP/ and two digits, as in HTTP/1.1"),
                Arguments.of(
                        "GET /health/ready<> HTTP/1.1",
                        400,
                        "the path '/health/ready<>' must start with / and hold only URI characters;"
                                + " percent-encode others"),
                Arguments.of(
                        "GET health HTTP/1.1",
                        400,
                        "the path 'health' must start with / and hold only URI characters; percent-encode others"),
                Arguments.of(
                        "GET * HTTP/1.1",
                        400,
                        "the path '*' must start with / and hold only URI characters; percent-encode others"),
                Arguments.of(
                        "GET /" + "x".repeat(80) + "<> HTTP/1.1",
                        400,
                        "the path '/" + "x".repeat(59)
                                + "...' must start with / and hold only URI characters; percent-encode others"),
                Arguments.of("PRI * HTTP/2.0", 505, "HTTP version 'HTTP/2.0' is not served; use HTTP/1.1 or HTTP/1.0"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nno colon here",
                        400,
                        "header line 1 must be a name (letters, digits or !#$%&'*+-.^_`|~, no spaces),"
                                + " a colon and a value"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nHost: x\r\nBad Name: x",
                        400,
                        "header line 2 must be a name (letters, digits or !#$%&'*+-.^_`|~, no spaces),"
                                + " a colon and a value"),
                Arguments.of(
                        "GET / HTTP/1.1\r\n folded: x",
                        400,
                        "header line 1 must be a name (letters, digits or !#$%&'*+-.^_`|~, no spaces),"
                                + " a colon and a value"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nX-Nul: a\u0000b",
                        400,
                        "header x-nul holds control characters; only visible characters, spaces and tabs are accepted"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nContent-Length: lots",
                        400,
                        "Content-Length 'lots' must be a number of bytes (digits only)"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nContent-Length: -1",
                        400,
                        "Content-Length '-1' must be a number of bytes (digits only)"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4",
                        400,
                        "two different Content-Length headers, '3' and '4'; send one"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked",
                        400,
                        "both Content-Length and Transfer-Encoding; send one"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nTransfer-Encoding: gzip",
                        501,
                        "Transfer-Encoding 'gzip' is not read; the only one accepted is chunked"),
                Arguments.of(
                        "GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked",
                        501,
                        "Transfer-Encoding 'gzip, chunked' is not read; the only one accepted is chunked"));
    }

    /** The message names the value (cut short at 60 characters) and what is accepted. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedHeads")
    void malformedHeadsAreAnsweredWithAStatusAndWhatIsWrong(String head, int status, String message) {
        assertThatExceptionOfType(RequestHead.BadRequest.class)
                .isThrownBy(() -> parse(head + "\r\n"))
                .withMessage(message)
                .satisfies(e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void moreThan64HeadersIs431() throws Exception {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 64; i++) {
            head.append("X-").append(i).append(": ").append(i).append("\r\n");
        }
        assertThat(parse(head.toString()).path()).isEqualTo("/");

        head.append("X-64: 64\r\n");
        assertThatExceptionOfType(RequestHead.BadRequest.class)
                .isThrownBy(() -> parse(head.toString()))
                .satisfies(e -> assertThat(e.status()).isEqualTo(431))
                .withMessage("more than 64 headers; send at most 64");
    }
}
