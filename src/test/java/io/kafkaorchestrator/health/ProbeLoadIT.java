package io.kafkaorchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.testing.BrokerRequestCounter;
import io.kafkaorchestrator.testing.KafkaTestKitExtension;
import io.kafkaorchestrator.testing.SidecarUnderTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A probe storm adds no load on the cluster: the requests the brokers receive per refresh are the same whether
 * nobody probes or 500 probes a second arrive. 10 s windows by default; {@code -Dprobe.load.seconds=30} for the
 * issue's 30 s.
 */
class ProbeLoadIT {

    @RegisterExtension
    static final KafkaTestKitExtension kafka = KafkaTestKitExtension.brokers(3);

    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("probe.load.seconds", 10));
    static final int PROBES_PER_SECOND = 500;
    static final Pattern REFRESHES = Pattern.compile("kafka_sidecar_refreshes_total\\{broker_id=\"0\"} ([0-9.E]+)");

    @Test
    void probingAt500PerSecondDoesNotChangeTheRequestsTheClusterReceives() throws Exception {
        kafka.admin()
                .createTopics(List.of(new NewTopic("orders", 12, (short) 3)))
                .all()
                .get();
        try (SidecarUnderTest sidecar = SidecarUnderTest.start(Map.of(
                "BROKER_ID",
                "0",
                "BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "CHECK_INTERVAL",
                "1s",
                "CHECK_TIMEOUT",
                "2s"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sidecar.get("/health/ready").status() == 200);

            Window idle = measure(sidecar, () -> sleep(WINDOW));
            AtomicLong answered = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Window probing = measure(sidecar, () -> probe(sidecar, answered, failed));

            System.out.printf(
                    "ProbeLoadIT idle: %d requests in %d refreshes; probing (%d answers): %d requests in %d"
                            + " refreshes%n",
                    idle.requests(), idle.refreshes(), answered.get(), probing.requests(), probing.refreshes());
            assertThat(failed.get()).as("probes without a 200").isZero();
            assertThat(answered.get()).isGreaterThanOrEqualTo(PROBES_PER_SECOND * WINDOW.toSeconds() * 9 / 10);
            // What the refreshes alone would have sent during the probing window; a window's edges can cut one
            // refresh in two, so up to one refresh's requests of difference is noise. Probes adding even one request
            // per hundred would add 50 a second.
            double extra = probing.requests() - idle.perRefresh() * probing.refreshes();
            System.out.printf(
                    "ProbeLoadIT extra cluster requests while probing: %.1f (one refresh sends %.1f)%n",
                    extra, idle.perRefresh());
            assertThat(extra).as("cluster requests beyond the refreshes' own").isLessThanOrEqualTo(idle.perRefresh());
        }
    }

    /** Cluster requests and sidecar refreshes during one window. */
    record Window(long requests, long refreshes) {
        double perRefresh() {
            return (double) requests / refreshes;
        }
    }

    private static Window measure(SidecarUnderTest sidecar, Runnable during) {
        long requestsBefore = BrokerRequestCounter.settledClientRequests();
        long refreshesBefore = refreshes(sidecar);
        during.run();
        long refreshes = refreshes(sidecar) - refreshesBefore;
        return new Window(BrokerRequestCounter.settledClientRequests() - requestsBefore, refreshes);
    }

    private static long refreshes(SidecarUnderTest sidecar) {
        Matcher m = REFRESHES.matcher(sidecar.get("/metrics").body());
        assertThat(m.find()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** 500 GETs a second, paced, each on its own virtual thread so a slow answer never slows the rate. */
    private static void probe(SidecarUnderTest sidecar, AtomicLong answered, AtomicLong failed) {
        HttpRequest request = HttpRequest.newBuilder(sidecar.uri("/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long periodNanos = 1_000_000_000L / PROBES_PER_SECOND;
        long start = System.nanoTime();
        long count = PROBES_PER_SECOND * WINDOW.toSeconds();
        try (HttpClient client = HttpClient.newHttpClient();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait)); // pacing the load, not waiting for a condition
                }
                threads.execute(() -> {
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 200 ? answered : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
