package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarUnderTest;
import io.kafkaorchestrator.testing.TlsFiles;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** TLS with a client certificate (mutual TLS) against a broker listener that requires one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsConnectionIT {

    BrokerProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder()
                .brokers(1)
                .combined()
                .clientSecurity(SecurityProtocol.SSL)
                .requireClientCertificate()
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    Map<String, String> env() {
        TlsFiles tls = cluster.tlsFiles();
        Map<String, String> env = new HashMap<>();
        env.put("BROKER_ID", "0");
        env.put("BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        env.put("CHECK_INTERVAL", "500ms");
        env.put("CHECK_TIMEOUT", "3s");
        env.put("TLS_ENABLED", "true");
        env.put("TLS_CA_FILE", tls.caCertificate().toString());
        env.put("TLS_CERT_FILE", tls.clientCertificate().toString());
        env.put("TLS_KEY_FILE", tls.clientKey().toString());
        return env;
    }

    @Test
    void mutualTlsConnectsAndTheBrokerIsReady() {
        try (SidecarUnderTest sidecar = SidecarUnderTest.start(env())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(sidecar.get("/health/live").body()).startsWith("{\"status\":\"healthy\"");
                assertThat(sidecar.get("/health/ready").status()).isEqualTo(200);
            });
        }
    }

    @Test
    void withoutTheClientCertificateTheHandshakeFailsAsTheSidecarsOwnTrouble() {
        Map<String, String> env = env();
        env.remove("TLS_CERT_FILE");
        env.remove("TLS_KEY_FILE");
        try (SidecarUnderTest sidecar = SidecarUnderTest.start(env)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                SidecarUnderTest.Answer live = sidecar.get("/health/live");
                assertThat(live.status()).isEqualTo(200);
                assertThat(live.body()).startsWith("{\"status\":\"unknown\"").contains("SslAuthenticationException");
            });
            assertThat(sidecar.get("/health/ready").status()).isEqualTo(503);
        }
    }
}
