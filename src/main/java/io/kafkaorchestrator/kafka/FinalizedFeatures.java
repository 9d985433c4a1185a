package io.kafkaorchestrator.kafka;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.FeatureMetadata;

/**
 * The cluster's finalized features (describeFeatures), each at the max version level the controller finalized, by
 * name. {@code metadata.version} is one of them: the level the cluster's metadata is written at, which an operator
 * raises with {@code kafka-features.sh upgrade} after a Kafka upgrade.
 */
public record FinalizedFeatures(SortedMap<String, Integer> levels) {

    public static final String METADATA_VERSION = "metadata.version";

    public FinalizedFeatures {
        levels = Collections.unmodifiableSortedMap(new TreeMap<>(levels));
    }

    static FinalizedFeatures of(FeatureMetadata metadata) {
        SortedMap<String, Integer> levels = new TreeMap<>();
        metadata.finalizedFeatures().forEach((name, range) -> levels.put(name, (int) range.maxVersionLevel()));
        return new FinalizedFeatures(levels);
    }

    /** The metadata.version feature level, when the cluster finalized one (every KRaft cluster does). */
    public Optional<Integer> metadataVersion() {
        return Optional.ofNullable(levels.get(METADATA_VERSION));
    }
}
