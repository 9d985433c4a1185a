package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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

/**
 * How a failed Admin call is classified (what decides "the sidecar's own trouble" versus "the broker's"), and how
 * topics are split into describeTopics calls.
 */
class ClusterReaderTest {

    static final ClusterReader.Deadline DEADLINE = new ClusterReader.Deadline(0, Duration.ofSeconds(10));

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new SaslAuthenticationException("Authentication failed: Invalid username or password"),
                        Kind.AUTHENTICATION, "SaslAuthenticationException: Authentication failed: Invalid username or password"),
                Arguments.of(new SslAuthenticationException("SSL handshake failed"), Kind.AUTHENTICATION,
                        "SslAuthenticationException: SSL handshake failed"),
                Arguments.of(new ClusterAuthorizationException("Cluster authorization failed."), Kind.AUTHORIZATION,
                        "ClusterAuthorizationException: Cluster authorization failed."),
                Arguments.of(new TopicAuthorizationException("denied"), Kind.AUTHORIZATION,
                        "TopicAuthorizationException: denied"),
                Arguments.of(new TimeoutException("Timed out waiting for a node assignment. Call: listNodes"), Kind.TIMEOUT,
                        "no answer within 10000 ms (TimeoutException: Timed out waiting for a node assignment. Call: listNodes)"),
                Arguments.of(new UnsupportedVersionException("DescribeQuorum"), Kind.UNSUPPORTED,
                        "UnsupportedVersionException: DescribeQuorum"),
                Arguments.of(new UnknownServerException((String) null), Kind.ERROR, "UnknownServerException"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("failures")
    void classifiesAdminFailures(Throwable cause, Kind kind, String message) {
        assertThat(ClusterReader.classify(Call.DESCRIBE_CLUSTER, cause, DEADLINE))
                .isEqualTo(new RefreshFailure(Call.DESCRIBE_CLUSTER, kind, message));
    }

    static List<String> topics(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("t%05d", i)).toList();
    }

    static Stream<Arguments> batches() {
        // topics, partition counts from the last refresh, count assumed for the others, expected batch size
        return Stream.of(
                Arguments.of("nothing left", List.of(), Map.of(), 200, 0),
                Arguments.of("first call of a refresh: 10 topics", topics(500), Map.of(), ClusterReader.FIRST_GUESS, 10),
                Arguments.of("many small topics: at most 200", topics(5000), Map.of(), 1, 200),
                Arguments.of("topics of 1,000 partitions: 10 per call", topics(100), Map.of(), 1000, 10),
                Arguments.of("a topic above the limit still goes alone", topics(3), Map.of(), 50_000, 1),
                Arguments.of("exactly at the limit", topics(100), Map.of(), 5000, 2),
                Arguments.of("fewer topics left than fit", topics(3), Map.of(), 10, 3),
                Arguments.of("known counts win over the guess", topics(100),
                        Map.of("t00000", 1, "t00001", 1, "t00002", 9998), 5000, 3),
                Arguments.of("a large known topic ends the batch before it", topics(100),
                        Map.of("t00000", 10, "t00001", 10, "t00002", 20_000), 10, 2),
                Arguments.of("empty topics count as one partition", topics(300), Map.of(), 0, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void sizesDescribeTopicsCallsByPartitions(String why, List<String> names, Map<String, Integer> counts,
                                               int unknownCount, int expected) {
        assertThat(ClusterReader.nextBatchSize(names, counts, unknownCount)).isEqualTo(expected);
    }
}
