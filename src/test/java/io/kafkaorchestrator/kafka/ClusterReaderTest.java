package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.ClusterOfVersionAdminClient;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/** The liveness refresh against clusters of Kafka 4 and of Kafka 3.x: fenced brokers, the fallback, the features. */
class ClusterReaderTest {

    static final Duration BUDGET = Duration.ofSeconds(5);
    /** Brokers 0 and 2 unfenced, broker 1 registered but fenced. */
    static final List<Node> NODES = List.of(new Node(0, "localhost", 9092, null, false),
            new Node(1, "localhost", 9093, null, true), new Node(2, "localhost", 9094, null, false));
    static final Map<String, Short> LEVELS = Map.of("metadata.version", (short) 27, "kraft.version", (short) 1);

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    ClusterReader reader(ClusterOfVersionAdminClient admin) {
        return new ClusterReader(new KafkaConnection(new Properties(), p -> admin),
                new KafkaConnection(new Properties(), p -> admin), 1, clock);
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

        FinalizedFeatures expected = new FinalizedFeatures(new TreeMap<>(
                Map.of("kraft.version", 1, "metadata.version", 27)));
        assertThat(reader.read(BUDGET).features()).contains(expected);
        clock.advance(ClusterReader.FEATURES_EVERY.minusMillis(1));
        assertThat(reader.read(BUDGET).features()).contains(expected);
        assertThat(admin.featureReads()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(reader.read(BUDGET).features().flatMap(FinalizedFeatures::metadataVersion)).contains(27);
        assertThat(admin.featureReads()).isEqualTo(2);
    }

    @Test
    void aFailedFeaturesReadLeavesThemUnknownAndIsTriedAgainAtTheNextRefresh() {
        var admin = new ClusterOfVersionAdminClient(NODES, true, LEVELS);
        ClusterReader reader = reader(admin);
        reader.read(BUDGET);
        clock.advance(ClusterReader.FEATURES_EVERY);
        admin.featuresTimeOut(true);

        ClusterSnapshot failed = reader.read(BUDGET);
        assertThat(failed.features()).isEmpty();
        assertThat(failed.failureOf(RefreshFailure.Call.DESCRIBE_FEATURES)).map(RefreshFailure::kind)
                .contains(RefreshFailure.Kind.TIMEOUT);

        admin.featuresTimeOut(false);
        clock.advance(Duration.ofSeconds(5));
        assertThat(reader.read(BUDGET).features()).isPresent();
        assertThat(admin.featureReads()).isEqualTo(3);
    }
}
