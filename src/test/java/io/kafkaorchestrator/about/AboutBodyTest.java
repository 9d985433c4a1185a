package io.kafkaorchestrator.about;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.json.Json;
import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.FinalizedFeatures;
import io.kafkaorchestrator.kafka.ReadCost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The /about body as a whole text: the seed's fields first, in the seed's order, then the cluster's. */
class AboutBodyTest {

    static final BuildInfo BUILD = new BuildInfo("1.2.3", "2026-11-25T12:00:00Z", "1795608000", "0123456789ab");

    static ClusterSnapshot snapshot(Optional<String> clusterId, Optional<FinalizedFeatures> features) {
        return new ClusterSnapshot(
                Instant.parse("2026-11-25T12:00:00Z"),
                Duration.ofMillis(40),
                clusterId,
                Optional.of(Set.of(0, 1, 2)),
                Optional.of(Set.of()),
                Optional.empty(),
                true,
                features,
                ReadCost.NONE,
                List.of());
    }

    @Test
    void beforeTheFirstRefreshTheClustersFieldsAreNull() {
        assertThat(Json.write(AboutBody.of(BUILD, 0, Optional.empty()))).isEqualTo("""
                {"version":"1.2.3","timestamp":"2026-11-25T12:00:00Z","epoch":"1795608000","build":"0123456789ab",\
                "clusterId":null,"brokerId":0,"metadataVersion":null,"finalizedFeatures":null}""");
    }

    @Test
    void theClusterIdMetadataVersionAndFinalizedFeaturesFollowTheSeedsFields() {
        FinalizedFeatures features = new FinalizedFeatures(
                new TreeMap<>(Map.of("metadata.version", 27, "kraft.version", 1, "group.version", 1)));

        assertThat(Json.write(AboutBody.of(
                        BUILD, 2, Optional.of(snapshot(Optional.of("q1Sh-9_ISia_zwGINzRvyQ"), Optional.of(features))))))
                .isEqualTo("""
                {"version":"1.2.3","timestamp":"2026-11-25T12:00:00Z","epoch":"1795608000","build":"0123456789ab",\
                "clusterId":"q1Sh-9_ISia_zwGINzRvyQ","brokerId":2,"metadataVersion":27,\
                "finalizedFeatures":{"group.version":1,"kraft.version":1,"metadata.version":27}}""");
    }

    @Test
    void featuresNotReadOrWhoseReadFailedAreNullWhileTheClusterIdIsKnown() {
        assertThat(Json.write(AboutBody.of(
                        BUILD, 0, Optional.of(snapshot(Optional.of("q1Sh-9_ISia_zwGINzRvyQ"), Optional.empty())))))
                .endsWith("""
                "clusterId":"q1Sh-9_ISia_zwGINzRvyQ","brokerId":0,"metadataVersion":null,"finalizedFeatures":null}""");
    }
}
