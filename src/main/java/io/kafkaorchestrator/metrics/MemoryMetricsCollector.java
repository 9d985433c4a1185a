package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The cgroup memory metrics, read from the cgroup files on every scrape. A metric whose input is missing or malformed
 * is left out of the scrape; the scrape itself never fails.
 */
public final class MemoryMetricsCollector implements MultiCollector {

    private static final double MICROS_PER_SECOND = 1_000_000;

    private final CgroupMemoryReader reader;

    /** @param cgroupRoot the cgroup mount to read, {@link CgroupMemoryReader#DEFAULT_ROOT} unless configured */
    public MemoryMetricsCollector(Path cgroupRoot) {
        this.reader = new CgroupMemoryReader(cgroupRoot);
    }

    @Override
    public MetricSnapshots collect() {
        return snapshotsOf(reader.read());
    }

    static MetricSnapshots snapshotsOf(CgroupMemory memory) {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        gauge(snapshots, "kafka_memory_usage_bytes", Unit.BYTES,
                "Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).",
                memory.usageBytes());
        // Unlimited has no finite value: a sentinel such as 2^63 would make "limit - usage" and sums across replicas
        // meaningless, so the gauge is absent and usage/limit queries yield nothing instead of a near-zero ratio.
        gauge(snapshots, "kafka_memory_limit_bytes", Unit.BYTES,
                "Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); absent when unlimited.",
                limitBytes(memory.limit()));
        gauge(snapshots, "kafka_memory_rss_bytes", Unit.BYTES,
                "Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).",
                memory.rssBytes());
        gauge(snapshots, "kafka_memory_inactive_file_bytes", Unit.BYTES,
                "Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).",
                memory.inactiveFileBytes());
        gauge(snapshots, "kafka_memory_working_set_bytes", Unit.BYTES,
                "Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.",
                memory.workingSetBytes());
        gauge(snapshots, "kafka_memory_oom_ratio", Unit.RATIO,
                "Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.",
                memory.oomRatio());
        gauge(snapshots, "kafka_memory_oom_floor_ratio", Unit.RATIO,
                "RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.",
                memory.oomFloorRatio());
        gauge(snapshots, "kafka_memory_non_reclaimable_bytes", Unit.BYTES,
                "Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.",
                memory.rssBytes());
        counter(snapshots, "kafka_memory_oom_kills", null,
                "Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).",
                asDouble(memory.oomKills()));
        counter(snapshots, "kafka_memory_pressure_some_seconds", Unit.SECONDS,
                "Time in which some tasks stalled waiting for memory (PSI, v2 memory.pressure some total).",
                seconds(memory.pressureSomeMicros()));
        counter(snapshots, "kafka_memory_pressure_full_seconds", Unit.SECONDS,
                "Time in which all non-idle tasks stalled waiting for memory at once (PSI, v2 memory.pressure full total).",
                seconds(memory.pressureFullMicros()));
        return snapshots.build();
    }

    private static OptionalLong limitBytes(Optional<MemoryLimit> limit) {
        return limit.isPresent() && limit.get() instanceof MemoryLimit.Limited(long bytes)
                ? OptionalLong.of(bytes)
                : OptionalLong.empty();
    }

    private static OptionalDouble asDouble(OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }

    private static OptionalDouble seconds(OptionalLong micros) {
        return micros.isPresent() ? OptionalDouble.of(micros.getAsLong() / MICROS_PER_SECOND) : OptionalDouble.empty();
    }

    private static void gauge(MetricSnapshots.Builder snapshots, String name, Unit unit, String help, OptionalLong value) {
        gauge(snapshots, name, unit, help, asDouble(value));
    }

    private static void gauge(MetricSnapshots.Builder snapshots, String name, Unit unit, String help, OptionalDouble value) {
        value.ifPresent(v -> snapshots.metricSnapshot(GaugeSnapshot.builder()
                .name(name)
                .unit(unit)
                .help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(v).build())
                .build()));
    }

    /** @param name without the {@code _total} suffix, which the exposition formats add */
    private static void counter(MetricSnapshots.Builder snapshots, String name, Unit unit, String help, OptionalDouble value) {
        value.ifPresent(v -> snapshots.metricSnapshot(CounterSnapshot.builder()
                .name(name)
                .unit(unit)
                .help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(v).build())
                .build()));
    }
}
