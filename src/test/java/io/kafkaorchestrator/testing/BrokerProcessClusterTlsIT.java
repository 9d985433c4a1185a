package io.kafkaorchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A TLS client listener that requires a client certificate, with the harness-made CA and certificates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerProcessClusterTlsIT {

    private BrokerProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder()
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

    @Test
    void clientTrustingTheCaWithItsCertificateConnects() throws Exception {
        assertThat(Files.readString(cluster.tlsFiles().caCertificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(cluster.tlsFiles().clientKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        try (Admin admin = Admin.create(withShortTimeouts(cluster.clientConfig()))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .extracting(Node::id)
                    .containsExactly(0);
        }
    }

    @Test
    void clientWithoutCertificateIsRejected() {
        Map<String, Object> config = withShortTimeouts(cluster.clientConfig());
        config.remove(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
        config.remove(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG);
        config.remove(SslConfigs.SSL_KEYSTORE_KEY_CONFIG);
        assertRejected(config);
    }

    @Test
    void clientNotTrustingTheCaIsRejected() {
        Map<String, Object> config = withShortTimeouts(cluster.clientConfig());
        config.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        assertRejected(config);
    }

    private static void assertRejected(Map<String, Object> config) {
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SslAuthenticationException.class);
        }
    }

    private static Map<String, Object> withShortTimeouts(Map<String, Object> config) {
        Map<String, Object> shortened = new HashMap<>(config);
        shortened.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        shortened.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return shortened;
    }
}
