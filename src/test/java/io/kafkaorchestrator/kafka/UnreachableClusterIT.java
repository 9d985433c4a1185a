package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka client never ends the process: started while no bootstrap name resolves and no broker is up, the sidecar
 * keeps answering, says why, and sees the broker once the name resolves and the broker starts, without a restart.
 * The name is resolved through a hosts file of the sidecar's own JVM ({@code jdk.net.hosts.file}), which the test
 * edits, as replica DNS names appear on Control Plane when replicas become ready.
 */
class UnreachableClusterIT {

    static final String BROKER_NAME = "replica-0.kafka.test-location.test-gvc.cpln.local";

    @Test
    void staysUpWhileNothingResolvesThenSeesTheBrokerWhenItAppears(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n");
        try (BrokerProcessCluster cluster =
                BrokerProcessCluster.builder().brokers(1).combined().start()) {
            int brokerPort = cluster.port(0);
            cluster.stop(0);
            Map<String, String> env = Map.of(
                    "BROKER_ID",
                    "0",
                    "BOOTSTRAP_SERVERS",
                    BROKER_NAME + ":" + brokerPort,
                    "CHECK_INTERVAL",
                    "500ms",
                    "CHECK_TIMEOUT",
                    "2s",
                    "PORT",
                    Integer.toString(SidecarProcess.freePort()));
            try (SidecarProcess sidecar =
                    SidecarProcess.start(env, SidecarProcess.resolvingFrom(hosts), dir.resolve("sidecar.log"))) {
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(
                                        sidecar.get("/health/live").body())
                                .startsWith("{\"status\":\"starting\"")
                                .contains("cannot create the Kafka client for bootstrap servers " + BROKER_NAME + ":"
                                        + brokerPort + ": No resolvable bootstrap urls given in bootstrap.servers"));

                Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 " + BROKER_NAME + "\n");
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(
                                () -> assertThat(sidecar.get("/health/live").body())
                                        .startsWith("{\"status\":\"starting\"")
                                        .contains("no answer within 2000 ms"));
                assertThat(sidecar.get("/health/ready").statusCode()).isEqualTo(503);

                cluster.start(0);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(sidecar.get("/health/live").body()).startsWith("{\"status\":\"healthy\"");
                    assertThat(sidecar.get("/health/ready").statusCode()).isEqualTo(200);
                });
                assertThat(sidecar.isAlive()).isTrue();
            }
        }
    }
}
