package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClusterOfVersionAdminClient;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

/**
 * The liveness refresh against clusters of Kafka 4 and of Kafka 3.x (fenced brokers, the fallback, the features), and
 * each way its calls fail: no answer, refused credentials, a missing permission, one call failing alone, an API the
 * cluster lacks. The same calls against real brokers: HealthProbesIT, SaslConnectionIT, UnreachableClusterIT.
 */
class ClusterReaderTest {

    static final Duration BUDGET = Duration.ofSeconds(5);
    /** Brokers 0 and 2 unfenced, broker 1 registered but fenced. */
    static final List<Node> NODES = List.of(
            new Node(0, "localhost", 9092, null, false),
            new Node(1, "localhost", 9093, null, true),
            new Node(2, "localhost", 9094, null, false));

    static final Map<String, Short> LEVELS = Map.of("metadata.version", (short) 27, "kraft.version", (short) 1);

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    ClusterReader reader(ClusterOfVersionAdminClient admin) {
        return new ClusterReader(
                new KafkaConnection(new Properties(), p -> admin),
                new KafkaConnection(new Properties(), p -> admin),
                1,
                clock);
    }

    @Test
    void aKafka4ClusterListsItsFencedBrokersApartFromTheUnfencedOnes() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);

        ClusterSnapshot snapshot = reader(admin).read(BUDGET);

        assertThat(snapshot.brokers()).contains(Set.of(0, 2));
        assertThat(snapshot.fencedBrokers()).contains(Set.of(1));
        assertThat(snapshot.failures()).isEmpty();
        assertThat(admin.fencedAsked()).containsExactly(true);
    }

    @Test
    void aClusterBeforeKafka4IsReadWithoutFencedBrokersAndAskedForThemAgainOnlyAfterTenMinutes() {
        var admin = new ClusterOfVersionAdminClient(NODES, false, LEVELS);
        ClusterReader reader = reader(admin);

        ClusterSnapshot first = reader.read(BUDGET);
        // As before fenced brokers could be listed: broker 1 is just not there, and the refusal is no failure.
        assertThat(first.brokers()).contains(Set.of(0, 2));
        assertThat(first.fencedBrokers()).isEmpty();
        assertThat(first.failures()).isEmpty();
        assertThat(admin.fencedAsked()).containsExactly(true, false);

        reader.read(BUDGET);
        assertThat(admin.fencedAsked()).containsExactly(true, false, false);

        clock.advance(ClusterReader.FENCED_RETRY_AFTER);
        ClusterSnapshot later = reader.read(BUDGET);
        assertThat(admin.fencedAsked()).containsExactly(true, false, false, true, false);
        assertThat(later.brokers()).contains(Set.of(0, 2));
    }

    @Test
    void finalizedFeaturesAreReadAtTheFirstRefreshThenOnceAMinute() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        ClusterReader reader = reader(admin);

        FinalizedFeatures expected =
                new FinalizedFeatures(new TreeMap<>(Map.of("kraft.version", 1, "metadata.version", 27)));
        assertThat(reader.read(BUDGET).features()).contains(expected);
        clock.advance(ClusterReader.FEATURES_EVERY.minusMillis(1));
        assertThat(reader.read(BUDGET).features()).contains(expected);
        assertThat(admin.featureReads()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(reader.read(BUDGET).features().flatMap(FinalizedFeatures::metadataVersion))
                .contains(27);
        assertThat(admin.featureReads()).isEqualTo(2);
    }

    @Test
    void aFailedFeaturesReadLeavesThemUnknownAndIsTriedAgainAtTheNextRefresh() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        ClusterReader reader = reader(admin);
        reader.read(BUDGET);
        clock.advance(ClusterReader.FEATURES_EVERY);
        admin.failing("describeFeatures", new TimeoutException("Timed out waiting for a node assignment."));

        ClusterSnapshot failed = reader.read(BUDGET);
        assertThat(failed.features()).isEmpty();
        assertThat(failed.failureOf(RefreshFailure.Call.DESCRIBE_FEATURES))
                .map(RefreshFailure::kind)
                .contains(RefreshFailure.Kind.TIMEOUT);

        admin.answering("describeFeatures");
        clock.advance(Duration.ofSeconds(5));
        assertThat(reader.read(BUDGET).features()).isPresent();
        assertThat(admin.featureReads()).isEqualTo(3);
    }

    @Test
    void aCallThatNeverAnswersFailsWhenTheBudgetIsSpentAndTheOthersStillCount() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        admin.hanging("describeMetadataQuorum");
        Duration budget = Duration.ofMillis(300);

        long started = System.nanoTime();
        ClusterSnapshot snapshot = reader(admin).read(budget);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(budget.multipliedBy(3));
        assertThat(snapshot.failures())
                .containsExactly(new RefreshFailure(
                        RefreshFailure.Call.DESCRIBE_METADATA_QUORUM,
                        RefreshFailure.Kind.TIMEOUT,
                        "no answer within 300 ms"));
        assertThat(snapshot.quorum()).isEmpty();
        assertThat(snapshot.brokers()).contains(Set.of(0, 2));
        assertThat(snapshot.ownBrokerAnswered()).isTrue();
    }

    @Test
    void refusedCredentialsAreTheSidecarsOwnFailureAndBothClientsAreCreatedAfresh() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        admin.failing(
                "describeCluster",
                new SaslAuthenticationException("Authentication failed: Invalid username or password"));
        AtomicInteger created = new AtomicInteger();
        ClusterReader reader = new ClusterReader(
                new KafkaConnection(new Properties(), p -> counted(admin, created)),
                new KafkaConnection(new Properties(), p -> counted(admin, created)),
                1,
                clock);

        ClusterSnapshot refused = reader.read(BUDGET);

        assertThat(refused.failureOf(RefreshFailure.Call.DESCRIBE_CLUSTER))
                .contains(new RefreshFailure(
                        RefreshFailure.Call.DESCRIBE_CLUSTER,
                        RefreshFailure.Kind.AUTHENTICATION,
                        "SaslAuthenticationException: Authentication failed: Invalid username or password"));
        assertThat(refused.clusterId()).isEmpty();
        assertThat(refused.brokers()).isEmpty();
        assertThat(refused.cost()).isEqualTo(ReadCost.NONE);
        assertThat(created).hasValue(2);

        // The Admin client keeps an authentication failure for good: the next refresh must use new clients.
        admin.answering("describeCluster");
        ClusterSnapshot next = reader.read(BUDGET);
        assertThat(created).hasValue(4);
        assertThat(next.failures()).isEmpty();
        assertThat(next.brokers()).contains(Set.of(0, 2));
    }

    @Test
    void aMissingPermissionIsTheSidecarsOwnFailureAndKeepsTheClients() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        admin.failing("describeReplicaLogDirs", new ClusterAuthorizationException("Cluster authorization failed."));
        AtomicInteger created = new AtomicInteger();
        ClusterReader reader = new ClusterReader(
                new KafkaConnection(new Properties(), p -> counted(admin, created)),
                new KafkaConnection(new Properties(), p -> counted(admin, created)),
                1,
                clock);

        ClusterSnapshot snapshot = reader.read(BUDGET);
        reader.read(BUDGET);

        assertThat(snapshot.failures())
                .containsExactly(new RefreshFailure(
                        RefreshFailure.Call.DESCRIBE_LOG_DIRS,
                        RefreshFailure.Kind.AUTHORIZATION,
                        "ClusterAuthorizationException: Cluster authorization failed."));
        assertThat(snapshot.failures().getFirst().kind().sidecarsOwn()).isTrue();
        assertThat(snapshot.ownBrokerAnswered()).isFalse();
        assertThat(snapshot.brokers()).contains(Set.of(0, 2));
        assertThat(created).as("clients created over two refreshes").hasValue(2);
    }

    @Test
    void aFailedCallLeavesOnlyItsOwnPartEmpty() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        admin.failing("describeCluster", new DisconnectException("Cancelled describeCluster request: disconnected"));

        ClusterSnapshot snapshot = reader(admin).read(BUDGET);

        assertThat(snapshot.failures())
                .containsExactly(new RefreshFailure(
                        RefreshFailure.Call.DESCRIBE_CLUSTER,
                        RefreshFailure.Kind.ERROR,
                        "DisconnectException: Cancelled describeCluster request: disconnected"));
        assertThat(snapshot.clusterId()).isEmpty();
        assertThat(snapshot.brokers()).isEmpty();
        assertThat(snapshot.quorum()).map(QuorumView::leaderId).contains(OptionalInt.of(3000));
        assertThat(snapshot.ownBrokerAnswered()).isTrue();
    }

    @Test
    void aClusterWithoutTheQuorumApiNamesItsControllerThroughDescribeCluster() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        admin.failing("describeMetadataQuorum", new UnsupportedVersionException("DescribeQuorum is not supported"));

        ClusterSnapshot snapshot = reader(admin).read(BUDGET);

        assertThat(snapshot.quorum())
                .contains(new QuorumView(OptionalInt.of(0), QuorumView.Source.DESCRIBE_CLUSTER_CONTROLLER));
        assertThat(snapshot.failures()).isEmpty();
    }

    private static Admin counted(Admin admin, AtomicInteger created) {
        created.incrementAndGet();
        return admin;
    }
}
