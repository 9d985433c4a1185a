package io.kafkaorchestrator.testing;

import io.kafkaorchestrator.Sidecar;
import io.kafkaorchestrator.config.ConfigException;
import io.kafkaorchestrator.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The real sidecar, started in the test JVM from an environment map and bound to a free loopback port, with a client
 * that measures every answer. Integration tests point it at a real cluster.
 */
public final class SidecarUnderTest implements AutoCloseable {

    /** One answer and how long it took. */
    public record Answer(int status, String body, Duration elapsed) {}

    private final Sidecar sidecar;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Duration slowest = Duration.ZERO;

    private SidecarUnderTest(Sidecar sidecar) {
        this.sidecar = sidecar;
    }

    public static SidecarUnderTest start(Map<String, String> env) {
        try {
            Sidecar sidecar = Sidecar.start(
                    ConfigLoader.load(env),
                    Clock.systemUTC(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SidecarUnderTest underTest = new SidecarUnderTest(sidecar);
            underTest.get("/about"); // warms up the client: its first request loads classes
            underTest.slowest = Duration.ZERO;
            return underTest;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("test environment rejected: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.compareTo(slowest) > 0) {
                slowest = elapsed;
            }
            if (elapsed.toMillis() >= 20) {
                System.out.println("slow answer: " + java.time.Instant.now() + " GET " + path + " took "
                        + elapsed.toMillis() + " ms");
            }
            return new Answer(response.statusCode(), response.body(), elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sidecar.httpPort() + path);
    }

    public int port() {
        return sidecar.httpPort();
    }

    /** The slowest answer so far (the warm-up request excluded). */
    public Duration slowest() {
        return slowest;
    }

    @Override
    public void close() {
        sidecar.close();
        client.close();
    }
}
