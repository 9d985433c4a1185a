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
import java.util.stream.Collectors;
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

    /** Healthy broker 0, three seconds after the refresh. */
    private static final String HEALTHY = ScrapeText.golden("/broker-scrapes/healthy.prom");

    /** The counters and ages of {@link #HEALTHY} after a second refresh, at the instant it finished. */
    private static final String AFTER_A_SECOND_REFRESH = """
            kafka_sidecar_refreshes_total{broker_id="0"} 2.0
            kafka_sidecar_scans_total{broker_id="0"} 2.0
            kafka_sidecar_refresher_cpu_seconds_total{broker_id="0",loop="liveness"} 0.006
            kafka_sidecar_refresher_cpu_seconds_total{broker_id="0",loop="scan"} 0.014
            kafka_sidecar_scan_age_seconds{broker_id="0"} 0.0
            kafka_sidecar_snapshot_age_seconds{broker_id="0"} 0.0
            """;

    private static final String RECEIVED_BYTES = "# HELP kafka_sidecar_refresh_received_bytes";

    /** The family a failed describeConfigs adds, just before {@link #RECEIVED_BYTES}. */
    private static final String CONFIGS_TIMED_OUT = """
            # HELP kafka_sidecar_refresh_failures_total failed Admin calls during refreshes, by call and kind
            # TYPE kafka_sidecar_refresh_failures_total counter
            kafka_sidecar_refresh_failures_total{broker_id="0",call="describe_configs",kind="timeout"} 1.0
            """;

    /** The text without these families: their HELP, TYPE and sample lines. */
    private static String withoutFamilies(String text, String... families) {
        Set<String> names = Set.of(families);
        return text.lines()
                .filter(line ->
                        !names.contains(line.replaceFirst("^# (HELP|TYPE) ", "").split("[{ ]")[0]))
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    private String scrape() {
        return ScrapeText.of(registry);
    }

    @Test
    void beforeTheFirstRefreshOnlyTheVerdictsAndTheRefreshCounterShow() {
        assertThat(scrape()).isEqualTo(ScrapeText.golden("/broker-scrapes/before-the-first-refresh.prom"));
    }

    @Test
    void gaugesFollowEachRefreshAndTheVerdictsAndAgeFollowTheClockBetweenRefreshes() {
        refresh(List.of(partition(0, List.of(0, 1, 2)), partition(1, List.of(1, 2, 0))), List.of());
        clock.advance(Duration.ofSeconds(3));
        assertThat(scrape()).isEqualTo(HEALTHY);

        // No refresh for 21 s (stale after 20 s): the verdicts fail, the observed gauges stay those of the last
        // refresh.
        clock.advance(Duration.ofSeconds(18));
        assertThat(scrape()).isEqualTo(ScrapeText.withSamples(HEALTHY, """
                kafka_sidecar_broker_live{broker_id="0"} 0.0
                kafka_sidecar_broker_ready{broker_id="0"} 0.0
                kafka_sidecar_restart_safe{broker_id="0"} -1.0
                kafka_sidecar_scan_age_seconds{broker_id="0"} 21.0
                kafka_sidecar_snapshot_age_seconds{broker_id="0"} 21.0
                """));

        // The next refresh: broker 0 fell out of the ISR of orders-0 (at its minimum, so at risk) and describeConfigs
        // timed out (restart-safety unknown).
        refresh(
                List.of(partition(0, List.of(1, 2)), partition(1, List.of(1, 2, 0))),
                List.of(new RefreshFailure(
                        RefreshFailure.Call.DESCRIBE_CONFIGS, RefreshFailure.Kind.TIMEOUT, "no answer")));
        assertThat(scrape())
                .isEqualTo(ScrapeText.withSamples(
                        HEALTHY.replace(RECEIVED_BYTES, CONFIGS_TIMED_OUT + RECEIVED_BYTES),
                        """
                        kafka_sidecar_broker_ready{broker_id="0"} 0.0
                        kafka_sidecar_partitions_at_risk{broker_id="0"} 1.0
                        kafka_sidecar_partitions_out_of_sync{broker_id="0"} 1.0
                        kafka_sidecar_restart_safe{broker_id="0"} -1.0
                        """ + AFTER_A_SECOND_REFRESH));
    }

    @Test
    void aFencedBrokerIsLiveNotReadyNotRegisteredAndFencedAndUnknownFeaturesLeaveTheirSeriesOut() {
        List<PartitionView> inSync = List.of(partition(0, List.of(0, 1, 2)), partition(1, List.of(1, 2, 0)));
        refresh(inSync, List.of());
        clock.advance(Duration.ofSeconds(3));
        // Broker 0 fenced (its controller session expired) while it answers; the features read failed. A fenced
        // broker is out of every ISR: the scanned ISRs are corrected by the unfenced brokers.
        refresh(Set.of(1, 2), Set.of(0), Optional.empty(), inSync, List.of());

        String withoutFeatures =
                withoutFamilies(HEALTHY, "kafka_sidecar_cluster_info", "kafka_sidecar_finalized_feature_level");
        assertThat(scrape()).isEqualTo(ScrapeText.withSamples(withoutFeatures, """
                kafka_sidecar_broker_fenced{broker_id="0"} 1.0
                kafka_sidecar_broker_ready{broker_id="0"} 0.0
                kafka_sidecar_broker_registered{broker_id="0"} 0.0
                kafka_sidecar_partitions_at_risk{broker_id="0"} 2.0
                kafka_sidecar_partitions_out_of_sync{broker_id="0"} 2.0
                kafka_sidecar_restart_safe{broker_id="0"} -1.0
                """ + AFTER_A_SECOND_REFRESH));
    }
}
