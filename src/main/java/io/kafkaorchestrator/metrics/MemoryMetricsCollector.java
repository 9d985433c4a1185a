package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The cgroup memory metrics, read from the cgroup files on every scrape. A metric whose input is missing or malformed
 * is left out of the scrape; the scrape itself never fails.
 */
public final class MemoryMetricsCollector implements MultiCollector {

    private static final double MICROS_PER_SECOND = 1_000_000;

    private static final MetricFamily USAGE = MetricFamily.gauge(
            "kafka_memory_usage_bytes",
            Unit.BYTES,
            "Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).");
    // Unlimited is 0, as the original Go tool reports it: dashboards written for it divide by this series and
    // would lose it if it disappeared; a sentinel such as 2^63 would make "limit - usage" meaningless.
    private static final MetricFamily LIMIT = MetricFamily.gauge(
            "kafka_memory_limit_bytes",
            Unit.BYTES,
            "Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); 0 when unlimited.");
    private static final MetricFamily RSS = MetricFamily.gauge(
            "kafka_memory_rss_bytes",
            Unit.BYTES,
            "Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).");
    private static final MetricFamily INACTIVE_FILE = MetricFamily.gauge(
            "kafka_memory_inactive_file_bytes",
            Unit.BYTES,
            "Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).");
    private static final MetricFamily WORKING_SET = MetricFamily.gauge(
            "kafka_memory_working_set_bytes",
            Unit.BYTES,
            "Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.");
    private static final MetricFamily OOM_RATIO = MetricFamily.gauge(
            "kafka_memory_oom_ratio",
            Unit.RATIO,
            "Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.");
    private static final MetricFamily OOM_FLOOR_RATIO = MetricFamily.gauge(
            "kafka_memory_oom_floor_ratio",
            Unit.RATIO,
            "RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.");
    private static final MetricFamily NON_RECLAIMABLE = MetricFamily.gauge(
            "kafka_memory_non_reclaimable_bytes",
            Unit.BYTES,
            "Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.");
    private static final MetricFamily OOM_KILLS = MetricFamily.counter(
            "kafka_memory_oom_kills",
            null,
            "Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).");
    private static final MetricFamily PRESSURE_SOME = MetricFamily.counter(
            "kafka_memory_pressure_some_seconds",
            Unit.SECONDS,
            "Time in which some tasks stalled waiting for memory (PSI, v2 memory.pressure some total).");
    private static final MetricFamily PRESSURE_FULL = MetricFamily.counter(
            "kafka_memory_pressure_full_seconds",
            Unit.SECONDS,
            "Time in which all non-idle tasks stalled waiting for memory at once (PSI,"
                    + " v2 memory.pressure full total).");

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
        List<MetricSnapshot> out = new ArrayList<>();
        add(out, USAGE, asDouble(memory.usageBytes()));
        add(out, LIMIT, asDouble(limitBytes(memory.limit())));
        add(out, RSS, asDouble(memory.rssBytes()));
        add(out, INACTIVE_FILE, asDouble(memory.inactiveFileBytes()));
        add(out, WORKING_SET, asDouble(memory.workingSetBytes()));
        add(out, OOM_RATIO, memory.oomRatio());
        add(out, OOM_FLOOR_RATIO, memory.oomFloorRatio());
        add(out, NON_RECLAIMABLE, asDouble(memory.rssBytes()));
        add(out, OOM_KILLS, asDouble(memory.oomKills()));
        add(out, PRESSURE_SOME, seconds(memory.pressureSomeMicros()));
        add(out, PRESSURE_FULL, seconds(memory.pressureFullMicros()));
        return new MetricSnapshots(out);
    }

    private static OptionalLong limitBytes(Optional<MemoryLimit> limit) {
        return limit.map(known -> switch (known) {
                    case MemoryLimit.Limited(long bytes) -> OptionalLong.of(bytes);
                    case MemoryLimit.Unlimited unlimited -> OptionalLong.of(0);
                })
                .orElse(OptionalLong.empty());
    }

    private static OptionalDouble asDouble(OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }

    private static OptionalDouble seconds(OptionalLong micros) {
        return micros.isPresent() ? OptionalDouble.of(micros.getAsLong() / MICROS_PER_SECOND) : OptionalDouble.empty();
    }

    private static void add(List<MetricSnapshot> out, MetricFamily family, OptionalDouble value) {
        if (value.isPresent()) {
            out.add(family.of(value.getAsDouble()));
        }
    }
}
