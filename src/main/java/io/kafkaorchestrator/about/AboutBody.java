package io.kafkaorchestrator.about;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.FinalizedFeatures;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The /about body: the seed's build fields in the seed's order, then what the sidecar knows of its broker and cluster
 * from the latest liveness snapshot. A value not known yet (or whose read failed last) is null, never a guess. The
 * components are the body's fields by name and in order (the JSON writer writes a record so): renaming or moving one
 * changes the interface.
 */
public record AboutBody(
        String version,
        String timestamp,
        String epoch,
        String build,
        Optional<String> clusterId,
        int brokerId,
        Optional<Integer> metadataVersion,
        Optional<SortedMap<String, Integer>> finalizedFeatures) {

    public static AboutBody of(BuildInfo build, int brokerId, Optional<ClusterSnapshot> snapshot) {
        Optional<FinalizedFeatures> features = snapshot.flatMap(ClusterSnapshot::features);
        return new AboutBody(
                build.version(),
                build.timestamp(),
                build.epoch(),
                build.build(),
                snapshot.flatMap(ClusterSnapshot::clusterId),
                brokerId,
                features.flatMap(FinalizedFeatures::metadataVersion),
                features.map(FinalizedFeatures::levels));
    }
}
