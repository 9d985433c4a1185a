package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CgroupMemoryTest {

    private static final long MIB = 1 << 20;

    private static CgroupMemory memory(long usage, Optional<MemoryLimit> limit, long rss, long inactiveFile) {
        return new CgroupMemory(
                Optional.of(CgroupVersion.V2),
                OptionalLong.of(usage),
                limit,
                OptionalLong.of(rss),
                OptionalLong.of(inactiveFile),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty());
    }

    @Test
    void workingSetIsUsageMinusInactiveFile() {
        assertThat(memory(100 * MIB, Optional.empty(), 0, 30 * MIB).workingSetBytes())
                .hasValue(70 * MIB);
    }

    @Test
    void workingSetNeverGoesBelowZero() {
        // usage and memory.stat are separate reads: the page cache can grow between them.
        assertThat(memory(10 * MIB, Optional.empty(), 0, 30 * MIB).workingSetBytes())
                .hasValue(0);
    }

    @Test
    void ratiosAreSharesOfTheLimit() {
        CgroupMemory memory = memory(96 * MIB, Optional.of(new MemoryLimit.Limited(128 * MIB)), 32 * MIB, 16 * MIB);

        assertThat(memory.oomRatio()).hasValue(0.625);
        assertThat(memory.oomFloorRatio()).hasValue(0.25);
    }

    @Test
    void ratiosAreZeroWhenUnlimited() {
        CgroupMemory memory = memory(96 * MIB, Optional.of(MemoryLimit.UNLIMITED), 32 * MIB, 16 * MIB);

        assertThat(memory.oomRatio()).hasValue(0);
        assertThat(memory.oomFloorRatio()).hasValue(0);
    }

    @Test
    void ratiosAreAbsentWhenTheLimitIsUnknown() {
        CgroupMemory memory = memory(96 * MIB, Optional.empty(), 32 * MIB, 16 * MIB);

        assertThat(memory.oomRatio()).isEmpty();
        assertThat(memory.oomFloorRatio()).isEmpty();
    }

    @Test
    void ratiosAreZeroWhenTheLimitIsZeroAsTheGoToolReportsThem() {
        CgroupMemory memory = memory(96 * MIB, Optional.of(new MemoryLimit.Limited(0)), 32 * MIB, 16 * MIB);

        assertThat(memory.oomRatio()).hasValue(0.0);
        assertThat(memory.oomFloorRatio()).hasValue(0.0);
    }

    @Test
    void ratiosAreAbsentWhenTheirInputIs() {
        CgroupMemory memory = new CgroupMemory(
                Optional.of(CgroupVersion.V2),
                OptionalLong.empty(),
                Optional.of(new MemoryLimit.Limited(128 * MIB)),
                OptionalLong.empty(),
                OptionalLong.of(16 * MIB),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty());

        assertThat(memory.workingSetBytes()).isEmpty();
        assertThat(memory.oomRatio()).isEmpty();
        assertThat(memory.oomFloorRatio()).isEmpty();
    }
}
