package io.kafkaorchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.kafkaorchestrator.testing.SidecarProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM and SIGINT against the packaged sidecar under load. A request is held in flight for real, without hooks in
 * the product: its last line is sent only after the signal, so the request is still arriving when the sidecar starts
 * stopping. Timings go to target/reliability/shutdown.txt.
 */
class ShutdownIT {

    static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    static final Map<String, String> timings = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @AfterAll
    static void writeTimings() throws IOException {
        StringBuilder report = new StringBuilder();
        timings.forEach((name, timing) ->
                report.append(name).append(": ").append(timing).append('\n'));
        Path file = Path.of("target", "reliability", "shutdown.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.print(report);
    }

    /**
     * Whether this JVM, and so the sidecar it starts, ignores the signal: a shell without job control starts background
     * jobs with SIGINT and SIGQUIT ignored, the process keeps that across exec, and the JVM then leaves it ignored (as
     * nohup relies on). In a container the sidecar starts with default dispositions.
     */
    private static boolean ignoredHere(String signal) throws IOException {
        int number = signal.equals("INT") ? 2 : 15;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).strip(), 16)
                                & (1L << (number - 1)))
                        != 0;
            }
        }
        return false;
    }

    private SidecarProcess start() {
        return SidecarProcess.start(textLogEnv(SidecarProcess.freePort()), dir.resolve("sidecar.log"));
    }

    /** The tests here read the log's text lines. */
    private static Map<String, String> textLogEnv(int port) {
        Map<String, String> env = SidecarProcess.unreachableKafkaEnv(port);
        env.put("LOG_FORMAT", "text");
        return env;
    }

    /** A request whose headers are sent but for the blank line that ends them. */
    private static Socket requestInFlight(int port) throws IOException {
        Socket socket = RawHttp.connect(port, Duration.ofSeconds(15));
        socket.getOutputStream().write(bytes("GET /health/ready HTTP/1.1\r\nHost: sidecar\r\nConnection: close\r\n"));
        socket.getOutputStream().flush();
        return socket;
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalDuringLoadFinishesTheRequestInFlightAndExitsZero(String signal) throws Exception {
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by this test run (started as a background job)");
        try (SidecarProcess sidecar = start()) {
            LoadGenerator load = new LoadGenerator(sidecar.port(), "/health/ready", 8);
            CompletableFuture<LoadGenerator.Result> loadResult = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(1000, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> load.answeredSoFar() >= 2000);
            // Opened only now: the server cuts a request that takes longer than its 5 s limit, and reaching 2,000
            // answers can take most of that on a loaded machine. 100 more answers mean its acceptor went round
            // often enough to have accepted this connection too.
            try (Socket inFlight = requestInFlight(sidecar.port())) {
                long answered = load.answeredSoFar();
                await().atMost(Duration.ofSeconds(5)).until(() -> load.answeredSoFar() >= answered + 100);

                long signalled = System.nanoTime();
                sidecar.signal(signal);
                await().atMost(Duration.ofSeconds(5))
                        .until(() ->
                                sidecar.log().contains("Received a shutdown signal: stopping signal=SIG" + signal));
                OutputStream out = inFlight.getOutputStream();
                out.write(bytes("\r\n"));
                RawHttp.Outcome inFlightOutcome = RawHttp.read(inFlight.getInputStream());
                Optional<Integer> status = sidecar.awaitExit(STOP_LIMIT);
                long took = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
                load.stop();
                LoadGenerator.Result result = loadResult.get();
                timings.put(
                        "SIG" + signal + " under load",
                        "exit " + status.map(String::valueOf).orElse("none") + " after " + took
                                + " ms; request in flight: " + inFlightOutcome + "; load: " + result);

                assertThat(inFlightOutcome.reply())
                        .as("answer to the request in flight")
                        .isNotNull();
                assertThat(inFlightOutcome.reply().status()).isEqualTo(503);
                assertThat(status).as("exit status within " + STOP_LIMIT).contains(0);
                assertThat(sidecar.log())
                        .contains("Received a shutdown signal: stopping signal=SIG" + signal)
                        .endsWith("Sidecar - Stopped\n");
                assertThat(result.statuses())
                        .as("load answered before the stop")
                        .containsOnlyKeys(503);
            }
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSecondSignalWhileStoppingExitsAtOnce(String signal) throws Exception {
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by this test run (started as a background job)");
        try (SidecarProcess sidecar = start();
                Socket inFlight = requestInFlight(sidecar.port())) {
            sidecar.signal(signal);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> sidecar.log().contains("Received a shutdown signal: stopping signal=SIG" + signal));
            assertThat(sidecar.isAlive())
                    .as("still stopping: the request in flight holds it")
                    .isTrue();

            long second = System.nanoTime();
            sidecar.signal(signal);
            Optional<Integer> status = sidecar.awaitExit(Duration.ofSeconds(2));
            long took = Duration.ofNanos(System.nanoTime() - second).toMillis();
            timings.put(
                    "second SIG" + signal,
                    "exit " + status.map(String::valueOf).orElse("none") + " " + took + " ms after it");

            // The JVM's convention: 128 + the signal's number.
            assertThat(status).as("exit status").contains(signal.equals("TERM") ? 128 + 15 : 128 + 2);
            assertThat(sidecar.log()).doesNotContain("Sidecar - Stopped");
        }
    }

    @Test
    void aRequestThatNeverEndsDoesNotHoldTheStopBeyondTenSeconds() throws Exception {
        try (SidecarProcess sidecar = start();
                Socket inFlight = requestInFlight(sidecar.port())) {
            long signalled = System.nanoTime();
            sidecar.signal("TERM");
            Optional<Integer> status = sidecar.awaitExit(STOP_LIMIT.plusSeconds(10));
            long took = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
            timings.put(
                    "SIGTERM with a request that never ends",
                    "exit " + status.map(String::valueOf).orElse("none") + " after " + took + " ms");

            assertThat(status).as("exit status").contains(0);
            assertThat(took).as("time to exit").isLessThanOrEqualTo(STOP_LIMIT.toMillis());
        }
    }

    @Test
    void aTakenPortEndsTheProcessAtOnceWithStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            long started = System.nanoTime();
            try (SidecarProcess sidecar = SidecarProcess.launch(textLogEnv(port), dir.resolve("sidecar.log"))) {
                Optional<Integer> status = sidecar.awaitExit(Duration.ofSeconds(20));
                long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
                timings.put(
                        "PORT taken",
                        "exit " + status.map(String::valueOf).orElse("none") + " " + took + " ms after launch");

                assertThat(status).as("exit status").contains(1);
                assertThat(sidecar.log())
                        .contains("error Sidecar - Cannot serve HTTP: set PORT to a free port port=" + port
                                + " error=\"java.net.BindException: Address already in use\"\n");
                assertThat(sidecar.log()).doesNotContain("\tat ", "Serving ");
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
