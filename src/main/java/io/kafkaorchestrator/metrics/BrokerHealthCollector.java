package io.kafkaorchestrator.metrics;

import io.kafkaorchestrator.health.HealthMonitor;
import io.kafkaorchestrator.health.Observation;
import io.kafkaorchestrator.health.Status;
import io.kafkaorchestrator.health.Verdict;
import io.kafkaorchestrator.health.Verdicts;
import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.FinalizedFeatures;
import io.kafkaorchestrator.kafka.LogDirView;
import io.kafkaorchestrator.kafka.PartitionScan;
import io.kafkaorchestrator.metrics.MetricFamily.Sample;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Broker health as gauges, read from the health monitor's latest observation: a scrape never calls Kafka. A gauge
 * whose input was not observed in the last refresh is absent rather than a guess.
 *
 * <p>Gauges that only change with a refresh (partitions, log dirs, quorum) are built once per observation; a scrape
 * builds only the verdicts, the snapshot's age and the counters. Scrapes outnumber refreshes.
 */
public final class BrokerHealthCollector implements MultiCollector {

    private static final MetricFamily REGISTERED = MetricFamily.gauge(
            "kafka_sidecar_broker_registered", null, "1 when this broker is in the cluster's list of unfenced brokers");
    private static final MetricFamily FENCED = MetricFamily.gauge(
            "kafka_sidecar_broker_fenced",
            null,
            "1 when this broker is registered but fenced (the controller does not count it as live)");
    private static final MetricFamily LIVE = MetricFamily.gauge(
            "kafka_sidecar_broker_live", null, "1 when /health/live passes (200), 0 when it fails (503)");
    private static final MetricFamily READY =
            MetricFamily.gauge("kafka_sidecar_broker_ready", null, "1 when /health/ready passes, 0 when it fails");
    private static final MetricFamily STARTING = MetricFamily.gauge(
            "kafka_sidecar_broker_starting", null, "1 while liveness passes only because of the startup grace");
    private static final MetricFamily CREDENTIALS_FAILING = MetricFamily.gauge(
            "kafka_sidecar_credentials_failing",
            null,
            "1 when the sidecar's own credentials or permissions are refused (health is unknown, not failed)");
    private static final MetricFamily RESTART_SAFE = MetricFamily.gauge(
            "kafka_sidecar_restart_safe", null, "1 when stopping this broker is safe, 0 when unsafe, -1 when unknown");
    private static final MetricFamily QUORUM_LEADER =
            MetricFamily.gauge("kafka_sidecar_quorum_leader_present", null, "1 when the metadata quorum has a leader");
    private static final MetricFamily FEATURE_LEVEL = MetricFamily.gauge(
            "kafka_sidecar_finalized_feature_level",
            null,
            "version level the cluster finalized for each feature (label feature), metadata.version among them");
    private static final MetricFamily HOSTED =
            MetricFamily.gauge("kafka_sidecar_partitions_hosted", null, "partitions this broker replicates");
    private static final MetricFamily OUT_OF_SYNC = MetricFamily.gauge(
            "kafka_sidecar_partitions_out_of_sync",
            null,
            "partitions this broker replicates without being in their ISR");
    private static final MetricFamily OTHER_REPLICA_MISSING = MetricFamily.gauge(
            "kafka_sidecar_partitions_other_replica_missing",
            null,
            "partitions where this broker is in sync but another replica is not");
    private static final MetricFamily LEADERLESS =
            MetricFamily.gauge("kafka_sidecar_partitions_leaderless", null, "partitions of this broker with no leader");
    private static final MetricFamily AT_RISK = MetricFamily.gauge(
            "kafka_sidecar_partitions_at_risk",
            null,
            "partitions that stopping this broker would take offline or below min.insync.replicas");
    private static final MetricFamily MISCONFIGURED = MetricFamily.gauge(
            "kafka_sidecar_partitions_misconfigured",
            null,
            "partitions with replication factor <= min.insync.replicas");
    private static final MetricFamily LOG_DIRS_OFFLINE = MetricFamily.gauge(
            "kafka_sidecar_log_dirs_offline", null, "log directories of this broker that are offline");
    private static final MetricFamily FUTURE_REPLICAS = MetricFamily.gauge(
            "kafka_sidecar_log_dir_future_replicas",
            null,
            "replicas being moved between this broker's log directories");
    private static final MetricFamily DIR_TOTAL =
            MetricFamily.gauge("kafka_sidecar_log_dir_total_bytes", Unit.BYTES, "size of the log directory's volume");
    private static final MetricFamily DIR_USABLE = MetricFamily.gauge(
            "kafka_sidecar_log_dir_usable_bytes", Unit.BYTES, "usable space left on the log directory's volume");
    private static final MetricFamily SNAPSHOT_AGE = MetricFamily.gauge(
            "kafka_sidecar_snapshot_age_seconds", null, "age of the cluster state the probes answer from");
    private static final MetricFamily REFRESH_DURATION = MetricFamily.gauge(
            "kafka_sidecar_refresh_duration_seconds", null, "how long the last refresh of the cluster state took");
    private static final MetricFamily CHECK_INTERVAL = MetricFamily.gauge(
            "kafka_sidecar_check_interval_seconds", null, "CHECK_INTERVAL: how often the cluster state is refreshed");
    private static final MetricFamily REFRESH_RECEIVED = MetricFamily.gauge(
            "kafka_sidecar_refresh_received_bytes",
            Unit.BYTES,
            "bytes the Kafka client received for the last liveness refresh");
    private static final MetricFamily LISTENER_REFUSING = MetricFamily.gauge(
            "kafka_sidecar_own_listener_refusing",
            null,
            "1 when the own broker's listener refuses connections after it accepted them (the broker is not running)");
    private static final MetricFamily SCAN_DURATION = MetricFamily.gauge(
            "kafka_sidecar_scan_duration_seconds",
            null,
            "how long the last complete partition scan took, its pauses included");
    private static final MetricFamily SCAN_AGE = MetricFamily.gauge(
            "kafka_sidecar_scan_age_seconds", null, "time since the last complete partition scan finished");
    private static final MetricFamily SCAN_TOPICS = MetricFamily.gauge(
            "kafka_sidecar_scan_topics",
            null,
            "topics the last complete partition scan described (those with a replica on this broker)");
    private static final MetricFamily SCAN_PARTITIONS = MetricFamily.gauge(
            "kafka_sidecar_scan_partitions",
            null,
            "partitions the last complete partition scan described, other brokers' of the same topics included");
    private static final MetricFamily SCAN_RECEIVED = MetricFamily.gauge(
            "kafka_sidecar_scan_received_bytes",
            Unit.BYTES,
            "bytes the Kafka client received for the last complete partition scan");
    private static final MetricFamily REFRESHES =
            MetricFamily.counter("kafka_sidecar_refreshes", null, "liveness refreshes of the cluster state");
    private static final MetricFamily SCANS =
            MetricFamily.counter("kafka_sidecar_scans", null, "partition scans, failed ones included");
    private static final MetricFamily REFRESHER_CPU = MetricFamily.counter(
            "kafka_sidecar_refresher_cpu_seconds",
            null,
            "CPU time spent reading the cluster, by loop (liveness refresh, partition scan): the reading thread and"
                    + " its Kafka client's network thread");
    private static final MetricFamily REFRESH_FAILURES = MetricFamily.counter(
            "kafka_sidecar_refresh_failures", null, "failed Admin calls during refreshes, by call and kind");

    private final HealthMonitor monitor;
    private final RefreshCounters counters;
    private final Clock clock;
    private final Labels broker;
    private final MetricSnapshot checkInterval;
    private final Labels livenessLoop;
    private final Labels scanLoop;
    private final Map<RefreshCounters.FailureKey, Labels> failureLabels = new ConcurrentHashMap<>();
    private volatile ObservedGauges observed = new ObservedGauges(null, List.of());
    private final LastSnapshot<Labels> clusterInfo = new LastSnapshot<>();

    /** The gauges of one observation. */
    private record ObservedGauges(Observation observation, List<MetricSnapshot> gauges) {}

    public BrokerHealthCollector(HealthMonitor monitor, RefreshCounters counters, Duration checkInterval, Clock clock) {
        this.monitor = monitor;
        this.counters = counters;
        this.clock = clock;
        this.broker = Labels.of("broker_id", Integer.toString(monitor.policy().brokerId()));
        this.checkInterval = CHECK_INTERVAL.of(broker, checkInterval.toMillis() / 1000.0);
        this.livenessLoop = broker.add("loop", "liveness");
        this.scanLoop = broker.add("loop", "scan");
    }

    @Override
    public MetricSnapshots collect() {
        Verdicts verdicts = monitor.verdicts();
        Verdict<?> live = verdicts.live();
        List<MetricSnapshot> out = new ArrayList<>(observedGauges(verdicts.observation()));
        out.add(LIVE.of(broker, live.passes() ? 1 : 0));
        out.add(READY.of(broker, verdicts.ready().passes() ? 1 : 0));
        out.add(STARTING.of(broker, live.status() == Status.STARTING ? 1 : 0));
        out.add(CREDENTIALS_FAILING.of(broker, live.status() == Status.UNKNOWN ? 1 : 0));
        out.add(RESTART_SAFE.of(
                broker,
                switch (verdicts.restartSafe().status()) {
                    case SAFE -> 1;
                    case UNSAFE -> 0;
                    default -> -1;
                }));
        verdicts.observation()
                .ifPresent(o ->
                        out.add(SNAPSHOT_AGE.of(broker, o.age(clock.instant()).toMillis() / 1000.0)));
        verdicts.observation()
                .flatMap(o -> o.scanAge(clock.instant()))
                .ifPresent(age -> out.add(SCAN_AGE.of(broker, age.toMillis() / 1000.0)));
        out.add(checkInterval);
        out.add(REFRESHES.of(broker, counters.refreshes()));
        out.add(SCANS.of(broker, counters.scans()));
        out.add(REFRESHER_CPU.of(List.of(
                new Sample(livenessLoop, counters.refreshCpuSeconds()),
                new Sample(scanLoop, counters.scanCpuSeconds()))));
        List<Sample> failures = new ArrayList<>();
        counters.failures()
                .forEach((key, count) -> failures.add(new Sample(
                        failureLabels.computeIfAbsent(
                                key,
                                k -> broker.add("call", k.call().name().toLowerCase())
                                        .add("kind", k.kind().name().toLowerCase())),
                        count)));
        out.add(REFRESH_FAILURES.of(failures));
        return new MetricSnapshots(out);
    }

    private List<MetricSnapshot> observedGauges(Optional<Observation> observation) {
        if (observation.isEmpty()) {
            return List.of();
        }
        ObservedGauges last = observed;
        if (last.observation() != observation.get()) {
            last = new ObservedGauges(observation.get(), gaugesOf(observation.get()));
            observed = last;
        }
        return last.gauges();
    }

    private List<MetricSnapshot> gaugesOf(Observation observation) {
        ClusterSnapshot snapshot = observation.snapshot();
        List<MetricSnapshot> out = new ArrayList<>();
        int brokerId = monitor.policy().brokerId();
        snapshot.brokers().ifPresent(ids -> out.add(REGISTERED.of(broker, ids.contains(brokerId) ? 1 : 0)));
        snapshot.fencedBrokers().ifPresent(ids -> out.add(FENCED.of(broker, ids.contains(brokerId) ? 1 : 0)));
        clusterInfo(snapshot).ifPresent(out::add);
        snapshot.features()
                .ifPresent(features -> out.add(FEATURE_LEVEL.of(features.levels().entrySet().stream()
                        .map(level -> new Sample(broker.add("feature", level.getKey()), level.getValue()))
                        .toList())));
        snapshot.quorum().ifPresent(q -> out.add(QUORUM_LEADER.of(broker, q.hasLeader() ? 1 : 0)));
        observation.partitions().ifPresent(r -> {
            out.add(HOSTED.of(broker, r.hosted()));
            out.add(OUT_OF_SYNC.of(broker, r.outOfSync().count()));
            out.add(OTHER_REPLICA_MISSING.of(broker, r.othersMissing().count()));
            out.add(LEADERLESS.of(broker, r.leaderless().count()));
            out.add(AT_RISK.of(broker, r.atRisk().count()));
            out.add(MISCONFIGURED.of(broker, r.misconfigured().count()));
        });
        observation.scan().flatMap(PartitionScan::logDirs).ifPresent(dirs -> {
            out.add(LOG_DIRS_OFFLINE.of(
                    broker, dirs.stream().filter(d -> !d.online()).count()));
            out.add(FUTURE_REPLICAS.of(
                    broker, dirs.stream().mapToInt(LogDirView::futureReplicas).sum()));
            out.add(DIR_TOTAL.of(perDir(dirs, LogDirView::totalBytes)));
            out.add(DIR_USABLE.of(perDir(dirs, LogDirView::usableBytes)));
        });
        out.add(REFRESH_DURATION.of(broker, snapshot.refreshDuration().toMillis() / 1000.0));
        out.add(REFRESH_RECEIVED.of(broker, snapshot.cost().receivedBytes()));
        out.add(LISTENER_REFUSING.of(broker, observation.listener().refusing() ? 1 : 0));
        observation.scan().ifPresent(scan -> {
            out.add(SCAN_DURATION.of(broker, scan.duration().toMillis() / 1000.0));
            out.add(SCAN_TOPICS.of(broker, scan.topics()));
            out.add(SCAN_PARTITIONS.of(broker, scan.described()));
            out.add(SCAN_RECEIVED.of(broker, scan.cost().receivedBytes()));
        });
        return List.copyOf(out);
    }

    /**
     * The cluster's id and metadata.version as labels of a value 1 (an info metric, to join or show), absent while
     * either is unknown. The feature levels are a gauge of their own: numbers to compare, not labels.
     */
    private Optional<MetricSnapshot> clusterInfo(ClusterSnapshot snapshot) {
        Optional<Integer> metadataVersion = snapshot.features().flatMap(FinalizedFeatures::metadataVersion);
        if (snapshot.clusterId().isEmpty() || metadataVersion.isEmpty()) {
            return Optional.empty();
        }
        Labels labels = broker.add("cluster_id", snapshot.clusterId().get())
                .add("metadata_version", metadataVersion.get().toString());
        return Optional.of(clusterInfo.of(
                labels,
                l -> InfoSnapshot.builder()
                        .name("kafka_sidecar_cluster")
                        .help("the Kafka cluster's id and metadata.version feature level")
                        .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                                .labels(l)
                                .build())
                        .build()));
    }

    /** One sample per log dir that reported the figure. */
    private List<Sample> perDir(List<LogDirView> dirs, Function<LogDirView, OptionalLong> figure) {
        List<Sample> samples = new ArrayList<>();
        for (LogDirView dir : dirs) {
            OptionalLong bytes = figure.apply(dir);
            if (bytes.isPresent()) {
                samples.add(new Sample(broker.add("dir", dir.path()), bytes.getAsLong()));
            }
        }
        return samples;
    }
}
