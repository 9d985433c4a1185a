package io.kafkaorchestrator.about;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.FinalizedFeatures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The /about body: the seed's build fields in the seed's order, then what the sidecar knows of its broker and cluster
 * from the latest liveness snapshot. A value not known yet (or whose read failed last) is null, never a guess.
 */
public final class AboutBody {

    private AboutBody() {}

    public static Map<String, Object> of(BuildInfo build, int brokerId, Optional<ClusterSnapshot> snapshot) {
        Optional<FinalizedFeatures> features = snapshot.flatMap(ClusterSnapshot::features);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("version", build.version());
        about.put("timestamp", build.timestamp());
        about.put("epoch", build.epoch());
        about.put("build", build.build());
        about.put("clusterId", snapshot.flatMap(ClusterSnapshot::clusterId).orElse(null));
        about.put("brokerId", brokerId);
        about.put(
                "metadataVersion",
                features.flatMap(FinalizedFeatures::metadataVersion).orElse(null));
        about.put("finalizedFeatures", features.map(FinalizedFeatures::levels).orElse(null));
        return about;
    }
}
