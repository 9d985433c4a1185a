package io.kafkaorchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar as the platform's Kafka template runs it (README, "Deploy on Control Plane"): with {@code inheritEnv:
 * false} it sees only the template's variables for a SASL_PLAINTEXT listener and what the platform injects, against
 * broker processes that require SASL PLAIN. Probed as the template's readiness probe (timeout 5 s), scraped as the
 * platform scrapes /metrics, and every line it writes through a start, a kill of its broker and a shutdown parsed as
 * the Go tool's JSON log line (the template sets no LOG_FORMAT: the default).
 */
class TemplateRunIT {

    private static final String USER = "kafka-admin";
    /** From a {@code cpln://secret/...} reference: quotes, spaces, JAAS and shell specials (ASCII, see SecretsIT). */
    private static final String PASSWORD = "pa$$ \"w0rd\":{x}=;\\'`";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern RFC3339_NANO =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");

    @Test
    void servesTheTemplatesProbeAndScrapeAndLogsJsonLinesThroughAKillAndAShutdown(@TempDir Path dir) throws Exception {
        try (BrokerProcessCluster cluster = BrokerProcessCluster.builder()
                .brokers(3)
                .clientSecurity(SecurityProtocol.SASL_PLAINTEXT)
                .user(USER, PASSWORD)
                .start()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    // The template's variables for a SASL_PLAINTEXT listener.
                    "REPLICA_COUNT", "3",
                    "KAFKA_PORT", Integer.toString(cluster.port(0)),
                    "LOG_LEVEL", "info",
                    "CHECK_TIMEOUT", "10s",
                    "SASL_ENABLED", "true",
                    "SASL_MECHANISM", "PLAIN",
                    "SASL_USERNAME", USER,
                    "SASL_PASSWORD", PASSWORD));
            // What the platform injects. The replica names do not resolve here, as on a cold start there: the
            // sidecar bootstraps from localhost:KAFKA_PORT, the own broker.
            env.putAll(Map.of(
                    "CPLN_WORKLOAD", "/org/acme/gvc/prod/workload/kafka",
                    "CPLN_LOCATION", "/org/acme/location/aws-us-west-2",
                    "CPLN_GVC", "prod",
                    "CPLN_GVC_ALIAS", "k8s1a2b3c",
                    "CPLN_ORG", "acme",
                    "HOSTNAME", "kafka-0"));
            // The one addition: the template's port 8080 may be taken on a test machine.
            env.put("PORT", Integer.toString(SidecarProcess.freePort()));

            List<Duration> probeTimes = new ArrayList<>();
            try (SidecarProcess sidecar = SidecarProcess.start(env, dir.resolve("sidecar.log"))) {
                try {
                    await().atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> probe(sidecar, probeTimes).statusCode() == 200);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(
                            "never ready: " + sidecar.get("/health/ready").body() + "\nsidecar log:\n" + sidecar.log(),
                            e);
                }
                HttpResponse<String> ready = probe(sidecar, probeTimes);
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).startsWith("{\"status\":\"healthy\",\"brokerId\":0,");

                HttpResponse<String> scrape = sidecar.get("/metrics");
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.headers().firstValue("Content-Type"))
                        .hasValue("text/plain; version=0.0.4; charset=utf-8");
                assertThat(scrape.body().lines())
                        .contains(
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_live{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_registered{broker_id=\"0\"} 1.0");

                long killed = System.nanoTime();
                cluster.kill(0);
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> probe(sidecar, probeTimes).statusCode() == 503);
                Duration toUnready = Duration.ofNanos(System.nanoTime() - killed);
                assertThat(toUnready).as("kill -9 of broker 0 to ready 503").isLessThan(Duration.ofSeconds(3));
                assertThat(sidecar.get("/health/live").statusCode()).isEqualTo(503);

                sidecar.signal("TERM");
                assertThat(sidecar.awaitExit(Duration.ofSeconds(15))).hasValue(0);

                assertThat(probeTimes)
                        .as("readiness answers, against the template's 5 s probe timeout")
                        .allSatisfy(took -> assertThat(took).isLessThan(Duration.ofSeconds(1)));
                assertEveryLineIsAGoToolJsonLine(sidecar.log(), sidecar.port());
            }
        }
    }

    private static HttpResponse<String> probe(SidecarProcess sidecar, List<Duration> times) {
        long sent = System.nanoTime();
        HttpResponse<String> answer = sidecar.get("/health/ready");
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(took).isLessThan(PROBE_TIMEOUT);
        times.add(took);
        return answer;
    }

    private static void assertEveryLineIsAGoToolJsonLine(String log, int port) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().toList()) {
            JsonNode node = json.readTree(line);
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            assertThat(keys.subList(0, 3)).as("first keys of %s", line).containsExactly("time", "level", "msg");
            assertThat(node.get("time").asText()).as(line).matches(RFC3339_NANO);
            assertThat(node.get("level").asText()).as(line).isIn(LEVELS);
            assertThat(node.get("msg").isTextual()).as(line).isTrue();
            lines.add(node);
        }
        assertThat(log).as("the password, in any line").doesNotContain(PASSWORD);

        JsonNode starting = lines.getFirst();
        assertThat(starting.get("msg").asText()).isEqualTo("Kafka Orchestrator starting");
        assertThat(starting.get("config").asText()).contains("BROKER_ID=0 (discovered)", "SASL_PASSWORD=");
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("msg").asText()).startsWith("Serving /health/live");
            assertThat(line.get("port").asInt()).isEqualTo(port);
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("msg").asText()).isEqualTo("Broker health changed");
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("brokerId").asInt()).isZero();
            assertThat(line.get("ready").asText()).isEqualTo("healthy");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("msg").asText()).isEqualTo("Broker health changed");
            assertThat(line.get("level").asText()).isEqualTo("WARN");
            assertThat(line.get("live").asText()).isEqualTo("unhealthy");
            assertThat(line.get("error").asText()).contains("broker 0 is not running");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("msg").asText()).isEqualTo("Received a shutdown signal: stopping");
            assertThat(line.get("signal").asText()).isEqualTo("SIGTERM");
        });
        assertThat(lines.getLast().get("msg").asText()).isEqualTo("Stopped");
    }
}
