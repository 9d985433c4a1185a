package io.kafkaorchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SASL_PLAINTEXT client listener with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 and harness-made users; one broker
 * and a separate controller, which holds the SCRAM credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerProcessClusterSaslIT {

    private static final String USER = "orchestrator";
    /** Everything that breaks naive JAAS or property quoting: quote, backslash, semicolon, space, non-ASCII. */
    private static final String PASSWORD = "p\"a\\s;s w\u00f6rd \u2713 =,]";

    private BrokerProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder()
                .clientSecurity(SecurityProtocol.SASL_PLAINTEXT)
                .user(USER, PASSWORD)
                .user("other", "other-secret")
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void userWithSpecialCharactersInThePasswordLogsIn(String mechanism) throws Exception {
        try (Admin admin = Admin.create(withShortTimeouts(cluster.clientConfig(mechanism, USER, PASSWORD)))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .extracting(Node::id)
                    .containsExactly(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void wrongPasswordIsRejected(String mechanism) {
        try (Admin admin = Admin.create(withShortTimeouts(cluster.clientConfig(mechanism, USER, "other-secret")))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static Map<String, Object> withShortTimeouts(Map<String, Object> config) {
        Map<String, Object> shortened = new HashMap<>(config);
        shortened.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        shortened.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return shortened;
    }
}
