package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.health.HealthMonitor;
import io.kafkaorchestrator.health.HealthPolicy;
import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.FinalizedFeatures;
import io.kafkaorchestrator.kafka.LogDirView;
import io.kafkaorchestrator.kafka.PartitionScan;
import io.kafkaorchestrator.kafka.PartitionView;
import io.kafkaorchestrator.kafka.QuorumView;
import io.kafkaorchestrator.kafka.ReadCost;
import io.kafkaorchestrator.kafka.RefreshFailure;
import io.kafkaorchestrator.testing.ManualClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The broker gauges of broker 0 in a 3-broker cluster, as whole texts, across refreshes and between them. */
class BrokerHealthCollectorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final HealthMonitor monitor = new HealthMonitor(
            HealthPolicy.of(0, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10)), clock);
    private final RefreshCounters counters = new RefreshCounters();
    private final PrometheusRegistry registry = new PrometheusRegistry();

    BrokerHealthCollectorTest() {
        registry.register(new BrokerHealthCollector(monitor, counters, Duration.ofSeconds(5), clock));
    }

    private static PartitionView partition(int p, List<Integer> isr) {
        return new PartitionView("orders", p, List.of(0, 1, 2), isr, OptionalInt.of(isr.getFirst()), OptionalInt.of(2));
    }

    private static final Optional<FinalizedFeatures> FEATURES =
            Optional.of(new FinalizedFeatures(new TreeMap<>(Map.of("metadata.version", 27, "kraft.version", 1))));

    /** A liveness refresh and a partition scan that finish together; the failures are the scan's. */
    private void refresh(List<PartitionView> partitions, List<RefreshFailure> scanFailures) {
        refresh(Set.of(0, 1, 2), Set.of(), FEATURES, partitions, scanFailures);
    }

    private void refresh(
            Set<Integer> unfenced,
            Set<Integer> fenced,
            Optional<FinalizedFeatures> features,
            List<PartitionView> partitions,
            List<RefreshFailure> scanFailures) {
        ClusterSnapshot snapshot = new ClusterSnapshot(
                clock.instant(),
                Duration.ofMillis(40),
                Optional.of("test-cluster-id"),
                Optional.of(unfenced),
                Optional.of(fenced),
                Optional.of(new QuorumView(OptionalInt.of(3000), QuorumView.Source.METADATA_QUORUM)),
                true,
                features,
                new ReadCost(Duration.ofMillis(3), 2048),
                List.of());
        PartitionScan scan = new PartitionScan(
                clock.instant().minusMillis(30),
                clock.instant(),
                Optional.of(List.of(new LogDirView(
                        "/var/lib/kafka/data", Optional.empty(), OptionalLong.of(1000), OptionalLong.of(600), 0))),
                Optional.of(partitions),
                1,
                partitions.size(),
                new ReadCost(Duration.ofMillis(7), 4096),
                scanFailures,
                Duration.ZERO);
        counters.refreshed(snapshot);
        counters.scanned(scan);
        monitor.accept(snapshot);
        monitor.accept(scan);
    }

    /** The counters and ages of {@link #HEALTHY} after a second refresh, at the instant it finished. */
    private static String afterASecondRefresh(String text) {
        return text.replace(
                        "kafka_sidecar_refreshes_total{broker_id=\"0\"} 1.0",
                        "kafka_sidecar_refreshes_total{broker_id=\"0\"} 2.0")
                .replace(
                        "kafka_sidecar_scans_total{broker_id=\"0\"} 1.0",
                        "kafka_sidecar_scans_total{broker_id=\"0\"} 2.0")
                .replace("loop=\"liveness\"} 0.003", "loop=\"liveness\"} 0.006")
                .replace("loop=\"scan\"} 0.007", "loop=\"scan\"} 0.014")
                .replace(
                        "kafka_sidecar_scan_age_seconds{broker_id=\"0\"} 3.0",
                        "kafka_sidecar_scan_age_seconds{broker_id=\"0\"} 0.0")
                .replace(
                        "kafka_sidecar_snapshot_age_seconds{broker_id=\"0\"} 3.0",
                        "kafka_sidecar_snapshot_age_seconds{broker_id=\"0\"} 0.0");
    }

    private String scrape() {
        return ScrapeText.of(registry);
    }

    /** Healthy broker 0, three seconds after the refresh. */
    private static final String HEALTHY = """
            # HELP kafka_sidecar_broker_fenced 1 when this broker is registered but fenced (the controller does not count it as live)
            # TYPE kafka_sidecar_broker_fenced gauge
            kafka_sidecar_broker_fenced{broker_id="0"} 0.0
            # HELP kafka_sidecar_broker_live 1 when /health/live passes (200), 0 when it fails (503)
            # TYPE kafka_sidecar_broker_live gauge
            kafka_sidecar_broker_live{broker_id="0"} 1.0
            # HELP kafka_sidecar_broker_ready 1 when /health/ready passes, 0 when it fails
            # TYPE kafka_sidecar_broker_ready gauge
            kafka_sidecar_broker_ready{broker_id="0"} 1.0
            # HELP kafka_sidecar_broker_registered 1 when this broker is in the cluster's list of unfenced brokers
            # TYPE kafka_sidecar_broker_registered gauge
            kafka_sidecar_broker_registered{broker_id="0"} 1.0
            # HELP kafka_sidecar_broker_starting 1 while liveness passes only because of the startup grace
            # TYPE kafka_sidecar_broker_starting gauge
            kafka_sidecar_broker_starting{broker_id="0"} 0.0
            # HELP kafka_sidecar_check_interval_seconds CHECK_INTERVAL: how often the cluster state is refreshed
            # TYPE kafka_sidecar_check_interval_seconds gauge
            kafka_sidecar_check_interval_seconds{broker_id="0"} 5.0
            # HELP kafka_sidecar_cluster_info the Kafka cluster's id and metadata.version feature level
            # TYPE kafka_sidecar_cluster_info gauge
            kafka_sidecar_cluster_info{broker_id="0",cluster_id="test-cluster-id",metadata_version="27"} 1
            # HELP kafka_sidecar_credentials_failing 1 when the sidecar's own credentials or permissions are refused (health is unknown, not failed)
            # TYPE kafka_sidecar_credentials_failing gauge
            kafka_sidecar_credentials_failing{broker_id="0"} 0.0
            # HELP kafka_sidecar_finalized_feature_level version level the cluster finalized for each feature (label feature), metadata.version among them
            # TYPE kafka_sidecar_finalized_feature_level gauge
            kafka_sidecar_finalized_feature_level{broker_id="0",feature="kraft.version"} 1.0
            kafka_sidecar_finalized_feature_level{broker_id="0",feature="metadata.version"} 27.0
            # HELP kafka_sidecar_log_dir_future_replicas replicas being moved between this broker's log directories
            # TYPE kafka_sidecar_log_dir_future_replicas gauge
            kafka_sidecar_log_dir_future_replicas{broker_id="0"} 0.0
            # HELP kafka_sidecar_log_dir_total_bytes size of the log directory's volume
            # TYPE kafka_sidecar_log_dir_total_bytes gauge
            kafka_sidecar_log_dir_total_bytes{broker_id="0",dir="/var/lib/kafka/data"} 1000.0
            # HELP kafka_sidecar_log_dir_usable_bytes usable space left on the log directory's volume
            # TYPE kafka_sidecar_log_dir_usable_bytes gauge
            kafka_sidecar_log_dir_usable_bytes{broker_id="0",dir="/var/lib/kafka/data"} 600.0
            # HELP kafka_sidecar_log_dirs_offline log directories of this broker that are offline
            # TYPE kafka_sidecar_log_dirs_offline gauge
            kafka_sidecar_log_dirs_offline{broker_id="0"} 0.0
            # HELP kafka_sidecar_own_listener_refusing 1 when the own broker's listener refuses connections after it accepted them (the broker is not running)
            # TYPE kafka_sidecar_own_listener_refusing gauge
            kafka_sidecar_own_listener_refusing{broker_id="0"} 0.0
            # HELP kafka_sidecar_partitions_at_risk partitions that stopping this broker would take offline or below min.insync.replicas
            # TYPE kafka_sidecar_partitions_at_risk gauge
            kafka_sidecar_partitions_at_risk{broker_id="0"} 0.0
            # HELP kafka_sidecar_partitions_hosted partitions this broker replicates
            # TYPE kafka_sidecar_partitions_hosted gauge
            kafka_sidecar_partitions_hosted{broker_id="0"} 2.0
            # HELP kafka_sidecar_partitions_leaderless partitions of this broker with no leader
            # TYPE kafka_sidecar_partitions_leaderless gauge
            kafka_sidecar_partitions_leaderless{broker_id="0"} 0.0
            # HELP kafka_sidecar_partitions_misconfigured partitions with replication factor <= min.insync.replicas
            # TYPE kafka_sidecar_partitions_misconfigured gauge
            kafka_sidecar_partitions_misconfigured{broker_id="0"} 0.0
            # HELP kafka_sidecar_partitions_other_replica_missing partitions where this broker is in sync but another replica is not
            # TYPE kafka_sidecar_partitions_other_replica_missing gauge
            kafka_sidecar_partitions_other_replica_missing{broker_id="0"} 0.0
            # HELP kafka_sidecar_partitions_out_of_sync partitions this broker replicates without being in their ISR
            # TYPE kafka_sidecar_partitions_out_of_sync gauge
            kafka_sidecar_partitions_out_of_sync{broker_id="0"} 0.0
            # HELP kafka_sidecar_quorum_leader_present 1 when the metadata quorum has a leader
            # TYPE kafka_sidecar_quorum_leader_present gauge
            kafka_sidecar_quorum_leader_present{broker_id="0"} 1.0
            # HELP kafka_sidecar_refresh_duration_seconds how long the last refresh of the cluster state took
            # TYPE kafka_sidecar_refresh_duration_seconds gauge
            kafka_sidecar_refresh_duration_seconds{broker_id="0"} 0.04
            # HELP kafka_sidecar_refresh_received_bytes bytes the Kafka client received for the last liveness refresh
            # TYPE kafka_sidecar_refresh_received_bytes gauge
            kafka_sidecar_refresh_received_bytes{broker_id="0"} 2048.0
            # HELP kafka_sidecar_refresher_cpu_seconds_total CPU time spent reading the cluster, by loop (liveness refresh, partition scan): the reading thread and its Kafka client's network thread
            # TYPE kafka_sidecar_refresher_cpu_seconds_total counter
            kafka_sidecar_refresher_cpu_seconds_total{broker_id="0",loop="liveness"} 0.003
            kafka_sidecar_refresher_cpu_seconds_total{broker_id="0",loop="scan"} 0.007
            # HELP kafka_sidecar_refreshes_total liveness refreshes of the cluster state
            # TYPE kafka_sidecar_refreshes_total counter
            kafka_sidecar_refreshes_total{broker_id="0"} 1.0
            # HELP kafka_sidecar_restart_safe 1 when stopping this broker is safe, 0 when unsafe, -1 when unknown
            # TYPE kafka_sidecar_restart_safe gauge
            kafka_sidecar_restart_safe{broker_id="0"} 1.0
            # HELP kafka_sidecar_scan_age_seconds time since the last complete partition scan finished
            # TYPE kafka_sidecar_scan_age_seconds gauge
            kafka_sidecar_scan_age_seconds{broker_id="0"} 3.0
            # HELP kafka_sidecar_scan_duration_seconds how long the last complete partition scan took, its pauses included
            # TYPE kafka_sidecar_scan_duration_seconds gauge
            kafka_sidecar_scan_duration_seconds{broker_id="0"} 0.03
            # HELP kafka_sidecar_scan_partitions partitions the last complete partition scan described, other brokers' of the same topics included
            # TYPE kafka_sidecar_scan_partitions gauge
            kafka_sidecar_scan_partitions{broker_id="0"} 2.0
            # HELP kafka_sidecar_scan_received_bytes bytes the Kafka client received for the last complete partition scan
            # TYPE kafka_sidecar_scan_received_bytes gauge
            kafka_sidecar_scan_received_bytes{broker_id="0"} 4096.0
            # HELP kafka_sidecar_scan_topics topics the last complete partition scan described (those with a replica on this broker)
            # TYPE kafka_sidecar_scan_topics gauge
            kafka_sidecar_scan_topics{broker_id="0"} 1.0
            # HELP kafka_sidecar_scans_total partition scans, failed ones included
            # TYPE kafka_sidecar_scans_total counter
            kafka_sidecar_scans_total{broker_id="0"} 1.0
            # HELP kafka_sidecar_snapshot_age_seconds age of the cluster state the probes answer from
            # TYPE kafka_sidecar_snapshot_age_seconds gauge
            kafka_sidecar_snapshot_age_seconds{broker_id="0"} 3.0
            """;

    @Test
    void beforeTheFirstRefreshOnlyTheVerdictsAndTheRefreshCounterShow() {
        assertThat(scrape()).isEqualTo("""
            # HELP kafka_sidecar_broker_live 1 when /health/live passes (200), 0 when it fails (503)
            # TYPE kafka_sidecar_broker_live gauge
            kafka_sidecar_broker_live{broker_id="0"} 1.0
            # HELP kafka_sidecar_broker_ready 1 when /health/ready passes, 0 when it fails
            # TYPE kafka_sidecar_broker_ready gauge
            kafka_sidecar_broker_ready{broker_id="0"} 0.0
            # HELP kafka_sidecar_broker_starting 1 while liveness passes only because of the startup grace
            # TYPE kafka_sidecar_broker_starting gauge
            kafka_sidecar_broker_starting{broker_id="0"} 1.0
            # HELP kafka_sidecar_check_interval_seconds CHECK_INTERVAL: how often the cluster state is refreshed
            # TYPE kafka_sidecar_check_interval_seconds gauge
            kafka_sidecar_check_interval_seconds{broker_id="0"} 5.0
            # HELP kafka_sidecar_credentials_failing 1 when the sidecar's own credentials or permissions are refused (health is unknown, not failed)
            # TYPE kafka_sidecar_credentials_failing gauge
            kafka_sidecar_credentials_failing{broker_id="0"} 0.0
            # HELP kafka_sidecar_refresher_cpu_seconds_total CPU time spent reading the cluster, by loop (liveness refresh, partition scan): the reading thread and its Kafka client's network thread
            # TYPE kafka_sidecar_refresher_cpu_seconds_total counter
            kafka_sidecar_refresher_cpu_seconds_total{broker_id="0",loop="liveness"} 0.0
            kafka_sidecar_refresher_cpu_seconds_total{broker_id="0",loop="scan"} 0.0
            # HELP kafka_sidecar_refreshes_total liveness refreshes of the cluster state
            # TYPE kafka_sidecar_refreshes_total counter
            kafka_sidecar_refreshes_total{broker_id="0"} 0.0
            # HELP kafka_sidecar_restart_safe 1 when stopping this broker is safe, 0 when unsafe, -1 when unknown
            # TYPE kafka_sidecar_restart_safe gauge
            kafka_sidecar_restart_safe{broker_id="0"} -1.0
            # HELP kafka_sidecar_scans_total partition scans, failed ones included
            # TYPE kafka_sidecar_scans_total counter
            kafka_sidecar_scans_total{broker_id="0"} 0.0
            """);
    }

    @Test
    void gaugesFollowEachRefreshAndTheVerdictsAndAgeFollowTheClockBetweenRefreshes() {
        refresh(List.of(partition(0, List.of(0, 1, 2)), partition(1, List.of(1, 2, 0))), List.of());
        clock.advance(Duration.ofSeconds(3));
        assertThat(scrape()).isEqualTo(HEALTHY);

        // No refresh for 21 s (stale after 20 s): the verdicts fail, the observed gauges stay those of the last
        // refresh.
        clock.advance(Duration.ofSeconds(18));
        assertThat(scrape())
                .isEqualTo(HEALTHY.replace(
                                "kafka_sidecar_broker_live{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_live{broker_id=\"0\"} 0.0")
                        .replace(
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 0.0")
                        .replace(
                                "kafka_sidecar_restart_safe{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_restart_safe{broker_id=\"0\"} -1.0")
                        .replace(
                                "kafka_sidecar_scan_age_seconds{broker_id=\"0\"} 3.0",
                                "kafka_sidecar_scan_age_seconds{broker_id=\"0\"} 21.0")
                        .replace(
                                "kafka_sidecar_snapshot_age_seconds{broker_id=\"0\"} 3.0",
                                "kafka_sidecar_snapshot_age_seconds{broker_id=\"0\"} 21.0"));

        // The next refresh: broker 0 fell out of the ISR of orders-0 (at its minimum, so at risk) and describeConfigs
        // timed out (restart-safety unknown).
        refresh(
                List.of(partition(0, List.of(1, 2)), partition(1, List.of(1, 2, 0))),
                List.of(new RefreshFailure(
                        RefreshFailure.Call.DESCRIBE_CONFIGS, RefreshFailure.Kind.TIMEOUT, "no answer")));
        assertThat(scrape())
                .isEqualTo(afterASecondRefresh(HEALTHY.replace(
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 0.0")
                        .replace(
                                "kafka_sidecar_partitions_at_risk{broker_id=\"0\"} 0.0",
                                "kafka_sidecar_partitions_at_risk{broker_id=\"0\"} 1.0")
                        .replace(
                                "kafka_sidecar_partitions_out_of_sync{broker_id=\"0\"} 0.0",
                                "kafka_sidecar_partitions_out_of_sync{broker_id=\"0\"} 1.0")
                        .replace("""
                        # HELP kafka_sidecar_refresh_received_bytes""", """
                        # HELP kafka_sidecar_refresh_failures_total failed Admin calls during refreshes, by call and kind
                        # TYPE kafka_sidecar_refresh_failures_total counter
                        kafka_sidecar_refresh_failures_total{broker_id="0",call="describe_configs",kind="timeout"} 1.0
                        # HELP kafka_sidecar_refresh_received_bytes""")
                        .replace(
                                "kafka_sidecar_restart_safe{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_restart_safe{broker_id=\"0\"} -1.0")));
    }

    @Test
    void aFencedBrokerIsLiveNotReadyNotRegisteredAndFencedAndUnknownFeaturesLeaveTheirSeriesOut() {
        List<PartitionView> inSync = List.of(partition(0, List.of(0, 1, 2)), partition(1, List.of(1, 2, 0)));
        refresh(inSync, List.of());
        clock.advance(Duration.ofSeconds(3));
        // Broker 0 fenced (its controller session expired) while it answers; the features read failed. A fenced
        // broker is out of every ISR: the scanned ISRs are corrected by the unfenced brokers.
        refresh(Set.of(1, 2), Set.of(0), Optional.empty(), inSync, List.of());

        assertThat(scrape())
                .isEqualTo(afterASecondRefresh(HEALTHY.replace(
                                "kafka_sidecar_broker_fenced{broker_id=\"0\"} 0.0",
                                "kafka_sidecar_broker_fenced{broker_id=\"0\"} 1.0")
                        .replace(
                                "kafka_sidecar_partitions_at_risk{broker_id=\"0\"} 0.0",
                                "kafka_sidecar_partitions_at_risk{broker_id=\"0\"} 2.0")
                        .replace(
                                "kafka_sidecar_partitions_out_of_sync{broker_id=\"0\"} 0.0",
                                "kafka_sidecar_partitions_out_of_sync{broker_id=\"0\"} 2.0")
                        .replace(
                                "kafka_sidecar_broker_registered{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_registered{broker_id=\"0\"} 0.0")
                        .replace(
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_broker_ready{broker_id=\"0\"} 0.0")
                        .replace(
                                "kafka_sidecar_restart_safe{broker_id=\"0\"} 1.0",
                                "kafka_sidecar_restart_safe{broker_id=\"0\"} -1.0")
                        .replace("""
                        # HELP kafka_sidecar_cluster_info the Kafka cluster's id and metadata.version feature level
                        # TYPE kafka_sidecar_cluster_info gauge
                        kafka_sidecar_cluster_info{broker_id="0",cluster_id="test-cluster-id",metadata_version="27"} 1
                        """, "")
                        .replace("""
                        # HELP kafka_sidecar_finalized_feature_level version level the cluster finalized for each feature (label feature), metadata.version among them
                        # TYPE kafka_sidecar_finalized_feature_level gauge
                        kafka_sidecar_finalized_feature_level{broker_id="0",feature="kraft.version"} 1.0
                        kafka_sidecar_finalized_feature_level{broker_id="0",feature="metadata.version"} 27.0
                        """, "")));
    }
}
