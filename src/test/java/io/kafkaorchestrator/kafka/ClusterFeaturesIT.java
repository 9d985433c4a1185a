package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.json.Json;
import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.junit.jupiter.api.Test;

/**
 * The cluster id, metadata.version and finalized features on /about and /metrics of a sidecar watching broker
 * processes: the same values the test's own Admin client reads with describeCluster and describeFeatures.
 */
class ClusterFeaturesIT {

    @Test
    void aboutAndMetricsShowTheClusterIdMetadataVersionAndFeatureLevelsTheClusterReports() throws Exception {
        try (BrokerProcessCluster cluster =
                BrokerProcessCluster.builder().brokers(3).start()) {
            check(cluster.admin(), cluster.bootstrapServers());
        }
    }

    private static void check(Admin admin, String bootstrapServers) throws Exception {
        String clusterId = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        FeatureMetadata features = admin.describeFeatures().featureMetadata().get(10, TimeUnit.SECONDS);
        SortedMap<String, Integer> levels = new TreeMap<>();
        features.finalizedFeatures().forEach((name, range) -> levels.put(name, (int) range.maxVersionLevel()));
        int metadataVersion = levels.get("metadata.version");

        try (SidecarUnderTest sidecar = SidecarUnderTest.start(Map.of(
                "BROKER_ID",
                "0",
                "BOOTSTRAP_SERVERS",
                bootstrapServers,
                "CHECK_INTERVAL",
                "500ms",
                "CHECK_TIMEOUT",
                "2s"))) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !sidecar.get("/about").body().contains("\"metadataVersion\":null"));

            assertThat(sidecar.get("/about").body())
                    .endsWith(",\"clusterId\":\"" + clusterId + "\",\"brokerId\":0,\"metadataVersion\":"
                            + metadataVersion + ",\"finalizedFeatures\":" + Json.write(levels) + "}");
            List<String> lines = sidecar.get("/metrics").body().lines().toList();
            assertThat(lines.stream().filter(line -> line.startsWith("kafka_sidecar_cluster_info{")))
                    .containsExactly("kafka_sidecar_cluster_info{broker_id=\"0\",cluster_id=\"" + clusterId
                            + "\",metadata_version=\"" + metadataVersion + "\"} 1");
            assertThat(lines.stream().filter(line -> line.startsWith("kafka_sidecar_finalized_feature_level{")))
                    .containsExactlyElementsOf(levels.entrySet().stream()
                            .map(level -> "kafka_sidecar_finalized_feature_level{broker_id=\"0\",feature=\""
                                    + level.getKey() + "\"} " + level.getValue() + ".0")
                            .toList());
        }
    }
}
