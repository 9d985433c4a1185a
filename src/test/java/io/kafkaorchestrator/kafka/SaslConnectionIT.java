package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SASL against a broker that requires it: PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 with a password full of JAAS
 * metacharacters, and a wrong password, which must make health "unknown" (never a restart) and never leak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslConnectionIT {

    static final String USER = "sidecar";
    /** Quotes, backslashes, semicolons, spaces, an equals sign and non-ASCII: all must survive the JAAS string. */
    static final String PASSWORD = "p\"a\\s;s w=ö-€";

    static final String WRONG_PASSWORD = "Wr0ng-\"but;recognisable\\";
    static final ObjectMapper JSON = new ObjectMapper();

    BrokerProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder()
                .brokers(1)
                .combined()
                .clientSecurity(SecurityProtocol.SASL_PLAINTEXT)
                .user(USER, PASSWORD)
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    Map<String, String> env(String mechanism, String password) {
        return Map.of(
                "BROKER_ID",
                "0",
                "BOOTSTRAP_SERVERS",
                cluster.bootstrapServers(),
                "CHECK_INTERVAL",
                "500ms",
                "CHECK_TIMEOUT",
                "2s",
                "SASL_ENABLED",
                "TRUE",
                "SASL_MECHANISM",
                mechanism,
                "SASL_USERNAME",
                USER,
                "SASL_PASSWORD",
                password);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN", "scram-sha-256", "Scram-Sha-512"})
    void eachMechanismConnectsWithASpecialCharacterPassword(String mechanism) {
        try (SidecarUnderTest sidecar = SidecarUnderTest.start(env(mechanism, PASSWORD))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(sidecar.get("/health/live").body()).startsWith("{\"status\":\"healthy\"");
                assertThat(sidecar.get("/health/ready").status()).isEqualTo(200);
            });
        }
    }

    @Test
    void wrongPasswordIsUnknownNotARestartAndIsNeverShown() throws Exception {
        try (SidecarUnderTest sidecar = SidecarUnderTest.start(env("SCRAM-SHA-512", WRONG_PASSWORD))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(sidecar.get("/health/live").body())
                            .get("status")
                            .asText()
                            .equals("unknown"));

            SidecarUnderTest.Answer live = sidecar.get("/health/live");
            JsonNode liveBody = JSON.readTree(live.body());
            assertThat(live.status()).isEqualTo(200);
            assertThat(liveBody.get("error").asText())
                    .startsWith("the sidecar cannot check the broker with its own credentials or permissions (not the"
                            + " broker's fault; fix the sidecar's SASL/TLS settings or ACLs):"
                            + " SaslAuthenticationException: Authentication failed during authentication due to invalid"
                            + " credentials with SASL mechanism SCRAM-SHA-512");
            SidecarUnderTest.Answer ready = sidecar.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("error").asText())
                    .isEqualTo(liveBody.get("error").asText());
            assertThat(sidecar.get("/health/restart-safe").status()).isEqualTo(503);
            String metrics = sidecar.get("/metrics").body();
            assertThat(metrics)
                    .contains("kafka_sidecar_credentials_failing{broker_id=\"0\"} 1.0")
                    .contains("kind=\"authentication\"");

            for (String path : List.of("/health/live", "/health/ready", "/health/restart-safe", "/metrics", "/about")) {
                assertThat(sidecar.get(path).body())
                        .as(path)
                        .doesNotContain(WRONG_PASSWORD)
                        .doesNotContain(PASSWORD)
                        .doesNotContain("Wr0ng");
            }
        }
    }
}
