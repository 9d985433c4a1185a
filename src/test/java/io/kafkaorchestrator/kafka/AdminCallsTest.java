package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a failed Admin call is classified: what decides "the sidecar's own trouble" versus "the broker's". */
class AdminCallsTest {

    static final AdminCalls.Deadline DEADLINE = new AdminCalls.Deadline(0, Duration.ofSeconds(10));

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        new SaslAuthenticationException("Authentication failed: Invalid username or password"),
                        Kind.AUTHENTICATION,
                        "SaslAuthenticationException: Authentication failed: Invalid username or password"),
                Arguments.of(
                        new SslAuthenticationException("SSL handshake failed"),
                        Kind.AUTHENTICATION,
                        "SslAuthenticationException: SSL handshake failed"),
                Arguments.of(
                        new ClusterAuthorizationException("Cluster authorization failed."),
                        Kind.AUTHORIZATION,
                        "ClusterAuthorizationException: Cluster authorization failed."),
                Arguments.of(
                        new TopicAuthorizationException("denied"),
                        Kind.AUTHORIZATION,
                        "TopicAuthorizationException: denied"),
                Arguments.of(
                        new TimeoutException("Timed out waiting for a node assignment. Call: listNodes"),
                        Kind.TIMEOUT,
                        "no answer within 10000 ms"
                                + " (TimeoutException: Timed out waiting for a node assignment. Call: listNodes)"),
                Arguments.of(
                        new UnsupportedVersionException("DescribeQuorum"),
                        Kind.UNSUPPORTED,
                        "UnsupportedVersionException: DescribeQuorum"),
                Arguments.of(new UnknownServerException((String) null), Kind.ERROR, "UnknownServerException"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("failures")
    void classifiesAdminFailures(Throwable cause, Kind kind, String message) {
        assertThat(AdminCalls.classify(Call.DESCRIBE_CLUSTER, cause, DEADLINE))
                .isEqualTo(new RefreshFailure(Call.DESCRIBE_CLUSTER, kind, message));
    }
}
