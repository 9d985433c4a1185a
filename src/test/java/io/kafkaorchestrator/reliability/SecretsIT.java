package io.kafkaorchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarProcess;
import io.kafkaorchestrator.testing.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recognisable passwords never appear in a log line, an HTTP body, a metric or /about: on success, on an
 * authentication failure, on a TLS failure and on a configuration error. The sidecar runs as a real process at debug
 * level, so everything it and the Kafka client log is scanned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsIT {

    static final String USER = "sidecar";
    static final String PASSWORD = "Canary-Right-\"pw\\;42";
    static final String WRONG_PASSWORD = "Canary-Wrong-\"pw\\;43";
    static final List<String> CANARIES = List.of("Canary-Right", "Canary-Wrong", "pw\\;4");
    static final List<String> ENDPOINTS =
            List.of("/health/live", "/health/ready", "/health/restart-safe", "/metrics", "/about", "/nope");

    BrokerProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder()
                .brokers(1)
                .combined()
                .clientSecurity(SecurityProtocol.SASL_SSL)
                .user(USER, PASSWORD)
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    Map<String, String> env(String password, Path caFile) {
        Map<String, String> env = new HashMap<>();
        env.put("BROKER_ID", "0");
        env.put("BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        env.put("CHECK_INTERVAL", "500ms");
        env.put("CHECK_TIMEOUT", "3s");
        env.put("LOG_LEVEL", "debug");
        env.put("SASL_ENABLED", "true");
        env.put("SASL_MECHANISM", "SCRAM-SHA-256");
        env.put("SASL_USERNAME", USER);
        env.put("SASL_PASSWORD", password);
        env.put("TLS_ENABLED", "true");
        env.put("TLS_CA_FILE", caFile.toString());
        env.put("PORT", Integer.toString(SidecarProcess.freePort()));
        return env;
    }

    @Test
    void successPathShowsNoSecret(@TempDir Path dir) {
        try (SidecarProcess sidecar =
                SidecarProcess.start(env(PASSWORD, cluster.tlsFiles().caCertificate()), dir.resolve("sidecar.log"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sidecar.get("/health/ready").statusCode() == 200);
            assertNoSecretIn(sidecar);
        }
    }

    @Test
    void authenticationFailureShowsNoSecret(@TempDir Path dir) {
        try (SidecarProcess sidecar = SidecarProcess.start(
                env(WRONG_PASSWORD, cluster.tlsFiles().caCertificate()), dir.resolve("sidecar.log"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sidecar.get("/health/live").body().startsWith("{\"status\":\"unknown\""));
            assertNoSecretIn(sidecar);
        }
    }

    @Test
    void tlsFailureShowsNoSecret(@TempDir Path dir) throws Exception {
        Path otherCa = TlsFiles.generate(dir).caCertificate(); // a CA that did not sign the broker's certificate
        try (SidecarProcess sidecar = SidecarProcess.start(env(PASSWORD, otherCa), dir.resolve("sidecar.log"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sidecar.get("/health/live").body().contains("SslAuthenticationException"));
            assertNoSecretIn(sidecar);
        }
    }

    @Test
    void configurationErrorShowsNoSecret() throws Exception {
        Map<String, String> env = env(PASSWORD, cluster.tlsFiles().caCertificate());
        env.put("REPLICA_COUNT", "many");
        env.put("TLS_KEY_PASSWORD", "Canary-Right-key");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("sidecar.jar", "target/kafka-orchestrator.jar"))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("REPLICA_COUNT=many");
        CANARIES.forEach(canary -> assertThat(output).doesNotContain(canary));
    }

    private static void assertNoSecretIn(SidecarProcess sidecar) {
        for (String path : ENDPOINTS) {
            String body = sidecar.get(path).body();
            CANARIES.forEach(canary -> assertThat(body).as(path).doesNotContain(canary));
        }
        String log = sidecar.log();
        assertThat(log)
                .as("the sidecar logged at debug level (JSON lines, the default)")
                .contains("\"level\":\"DEBUG\"");
        CANARIES.forEach(canary -> assertThat(log).as("log").doesNotContain(canary));
    }
}
