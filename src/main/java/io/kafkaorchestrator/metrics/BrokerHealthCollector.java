package io.kafkaorchestrator.metrics;

import io.kafkaorchestrator.health.HealthMonitor;
import io.kafkaorchestrator.health.Observation;
import io.kafkaorchestrator.health.PartitionReport;
import io.kafkaorchestrator.health.Status;
import io.kafkaorchestrator.health.Verdict;
import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.LogDirView;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Broker health as gauges, read from the health monitor's latest observation: a scrape never calls Kafka. A gauge
 * whose input was not observed in the last refresh is absent rather than a guess.
 */
public final class BrokerHealthCollector implements MultiCollector {

    private final HealthMonitor monitor;
    private final RefreshCounters counters;
    private final Duration checkInterval;
    private final Clock clock;
    /** Built once: Labels validate their names on creation, which was a tenth of this collector's scrape time. */
    private final Labels broker;
    private final Map<RefreshCounters.FailureKey, Labels> failureLabels = new ConcurrentHashMap<>();

    public BrokerHealthCollector(HealthMonitor monitor, RefreshCounters counters, Duration checkInterval, Clock clock) {
        this.monitor = monitor;
        this.counters = counters;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.broker = Labels.of("broker_id", Integer.toString(monitor.policy().brokerId()));
    }

    @Override
    public MetricSnapshots collect() {
        Optional<Observation> observation = monitor.observation();
        Optional<ClusterSnapshot> snapshot = observation.map(Observation::snapshot);
        Optional<PartitionReport> partitions = observation.flatMap(Observation::partitions);
        Verdict live = monitor.live();
        Verdict ready = monitor.ready();
        Verdict restartSafe = monitor.restartSafe();
        List<MetricSnapshot> out = new ArrayList<>();

        snapshot.flatMap(ClusterSnapshot::brokers).ifPresent(ids -> out.add(gauge("kafka_sidecar_broker_registered",
                "1 when this broker is in the cluster's list of unfenced brokers", broker,
                ids.contains(monitor.policy().brokerId()) ? 1 : 0)));
        out.add(gauge("kafka_sidecar_broker_live", "1 when /health/live passes (200), 0 when it fails (503)", broker,
                live.passes() ? 1 : 0));
        out.add(gauge("kafka_sidecar_broker_ready", "1 when /health/ready passes, 0 when it fails", broker,
                ready.passes() ? 1 : 0));
        out.add(gauge("kafka_sidecar_broker_starting",
                "1 while liveness passes only because of the startup grace", broker, live.status() == Status.STARTING ? 1 : 0));
        out.add(gauge("kafka_sidecar_credentials_failing",
                "1 when the sidecar's own credentials or permissions are refused (health is unknown, not failed)",
                broker, live.status() == Status.UNKNOWN ? 1 : 0));
        out.add(gauge("kafka_sidecar_restart_safe",
                "1 when stopping this broker is safe, 0 when unsafe, -1 when unknown", broker,
                switch (restartSafe.status()) {
                    case SAFE -> 1;
                    case UNSAFE -> 0;
                    default -> -1;
                }));
        snapshot.flatMap(ClusterSnapshot::quorum).ifPresent(q -> out.add(gauge("kafka_sidecar_quorum_leader_present",
                "1 when the metadata quorum has a leader", broker, q.hasLeader() ? 1 : 0)));
        partitions.ifPresent(r -> {
            out.add(gauge("kafka_sidecar_partitions_hosted", "partitions this broker replicates", broker, r.hosted()));
            out.add(gauge("kafka_sidecar_partitions_out_of_sync",
                    "partitions this broker replicates without being in their ISR", broker, r.outOfSync().count()));
            out.add(gauge("kafka_sidecar_partitions_other_replica_missing",
                    "partitions where this broker is in sync but another replica is not", broker, r.othersMissing().count()));
            out.add(gauge("kafka_sidecar_partitions_leaderless", "partitions of this broker with no leader", broker,
                    r.leaderless().count()));
            out.add(gauge("kafka_sidecar_partitions_at_risk",
                    "partitions that stopping this broker would take offline or below min.insync.replicas", broker,
                    r.atRisk().count()));
            out.add(gauge("kafka_sidecar_partitions_misconfigured",
                    "partitions with replication factor <= min.insync.replicas", broker, r.misconfigured().count()));
        });
        snapshot.flatMap(ClusterSnapshot::logDirs).ifPresent(dirs -> {
            out.add(gauge("kafka_sidecar_log_dirs_offline", "log directories of this broker that are offline", broker,
                    dirs.stream().filter(d -> !d.online()).count()));
            out.add(gauge("kafka_sidecar_log_dir_future_replicas",
                    "replicas being moved between this broker's log directories", broker,
                    dirs.stream().mapToInt(LogDirView::futureReplicas).sum()));
            out.add(perDir("kafka_sidecar_log_dir_total_bytes", "size of the log directory's volume", broker, dirs,
                    d -> d.totalBytes().isPresent() ? (double) d.totalBytes().getAsLong() : null));
            out.add(perDir("kafka_sidecar_log_dir_usable_bytes", "usable space left on the log directory's volume",
                    broker, dirs, d -> d.usableBytes().isPresent() ? (double) d.usableBytes().getAsLong() : null));
        });
        observation.ifPresent(o -> {
            out.add(gauge("kafka_sidecar_snapshot_age_seconds", "age of the cluster state the probes answer from",
                    broker, o.age(clock.instant()).toMillis() / 1000.0));
            out.add(gauge("kafka_sidecar_refresh_duration_seconds", "how long the last refresh of the cluster state took",
                    broker, o.snapshot().refreshDuration().toMillis() / 1000.0));
        });
        out.add(gauge("kafka_sidecar_check_interval_seconds", "CHECK_INTERVAL: how often the cluster state is refreshed",
                broker, checkInterval.toMillis() / 1000.0));
        out.add(CounterSnapshot.builder().name("kafka_sidecar_refreshes").help("refreshes of the cluster state")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(broker).value(counters.refreshes()).build())
                .build());
        var failures = CounterSnapshot.builder().name("kafka_sidecar_refresh_failures")
                .help("failed Admin calls during refreshes, by call and kind");
        counters.failures().forEach((key, count) -> failures.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(failureLabels.computeIfAbsent(key, k -> broker.add("call", k.call().name().toLowerCase())
                        .add("kind", k.kind().name().toLowerCase())))
                .value(count).build()));
        out.add(failures.build());
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build())
                .build();
    }

    private static GaugeSnapshot perDir(String name, String help, Labels broker, List<LogDirView> dirs,
                                        Function<LogDirView, Double> value) {
        var builder = GaugeSnapshot.builder().name(name).help(help).unit(Unit.BYTES);
        for (LogDirView dir : dirs) {
            Double v = value.apply(dir);
            if (v != null) {
                builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(broker.add("dir", dir.path())).value(v).build());
            }
        }
        return builder.build();
    }
}
