package io.kafkaorchestrator.metrics;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The memory figures of one cgroup, read at one moment. Each figure is empty when its file was missing or malformed.
 *
 * @param version            the cgroup interface found, empty when the root holds neither
 * @param usageBytes         memory charged to the cgroup, page cache included
 * @param limit              the memory limit
 * @param rssBytes           anonymous memory (v2 {@code anon}, v1 {@code total_rss})
 * @param inactiveFileBytes  inactive page cache, the first memory the kernel reclaims
 * @param oomKills           processes killed by the OOM killer in this cgroup
 * @param pressureSomeMicros PSI: total time in which some tasks stalled on memory
 * @param pressureFullMicros PSI: total time in which all non-idle tasks stalled on memory at once
 */
public record CgroupMemory(
        Optional<CgroupVersion> version,
        OptionalLong usageBytes,
        Optional<MemoryLimit> limit,
        OptionalLong rssBytes,
        OptionalLong inactiveFileBytes,
        OptionalLong oomKills,
        OptionalLong pressureSomeMicros,
        OptionalLong pressureFullMicros) {

    /** Nothing found: the root holds no cgroup memory files. */
    public static final CgroupMemory NONE = new CgroupMemory(
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());

    /** Usage minus inactive page cache, never below 0 (the two files are read at slightly different moments). */
    public OptionalLong workingSetBytes() {
        if (usageBytes.isEmpty() || inactiveFileBytes.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, usageBytes.getAsLong() - inactiveFileBytes.getAsLong()));
    }

    /** Working set over the limit; 0 when unlimited or the limit is 0. */
    public OptionalDouble oomRatio() {
        return shareOfLimit(workingSetBytes());
    }

    /** RSS over the limit, the part no cache reclaim can free; 0 when unlimited or the limit is 0. */
    public OptionalDouble oomFloorRatio() {
        return shareOfLimit(rssBytes);
    }

    private OptionalDouble shareOfLimit(OptionalLong bytes) {
        if (bytes.isEmpty() || limit.isEmpty()) {
            return OptionalDouble.empty();
        }
        return switch (limit.get()) {
            case MemoryLimit.Unlimited unlimited -> OptionalDouble.of(0);
            // A zero limit leaves nothing to divide by: 0, as the original reports it, so the series stays.
            case MemoryLimit.Limited(long max) when max <= 0 -> OptionalDouble.of(0);
            case MemoryLimit.Limited(long max) -> OptionalDouble.of((double) bytes.getAsLong() / max);
        };
    }
}
