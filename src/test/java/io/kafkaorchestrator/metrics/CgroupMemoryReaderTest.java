package io.kafkaorchestrator.metrics;

import static io.kafkaorchestrator.metrics.MemoryMetricsCollectorTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CgroupMemoryReaderTest {

    @Test
    void readsEveryV2Figure() {
        assertThat(new CgroupMemoryReader(fixture("v2-limited")).read())
                .isEqualTo(new CgroupMemory(
                        Optional.of(CgroupVersion.V2),
                        OptionalLong.of(100_663_296),
                        Optional.of(new MemoryLimit.Limited(134_217_728)),
                        OptionalLong.of(50_331_648),
                        OptionalLong.of(16_777_216),
                        OptionalLong.of(2),
                        OptionalLong.of(1_500_000),
                        OptionalLong.of(250_000)));
    }

    @Test
    void readsV1FromTheMemoryDirectoryOfAV1Mount() {
        assertThat(new CgroupMemoryReader(fixture("v1-limited")).read())
                .isEqualTo(new CgroupMemory(
                        Optional.of(CgroupVersion.V1),
                        OptionalLong.of(234_881_024),
                        Optional.of(new MemoryLimit.Limited(268_435_456)),
                        OptionalLong.of(67_108_864),
                        OptionalLong.of(33_554_432),
                        OptionalLong.of(1),
                        OptionalLong.empty(),
                        OptionalLong.empty()));
    }

    @Test
    void v2MaxMeansUnlimited() {
        assertThat(new CgroupMemoryReader(fixture("v2-unlimited")).read().limit())
                .contains(MemoryLimit.UNLIMITED);
    }

    @ParameterizedTest(name = "v1 limit {0} is unlimited: {1}")
    @CsvSource({
        "9223372036854771712, true", // 4 KiB pages
        "9223372036854710272, true", // 64 KiB pages
        "4611686018427387904, true", // 2^62
        "4611686018427387903, false",
        "268435456, false"
    })
    void hugeV1LimitsMeanUnlimited(long written, boolean unlimited, @TempDir Path root) throws IOException {
        Files.writeString(root.resolve("memory.usage_in_bytes"), "4096\n");
        Files.writeString(root.resolve("memory.limit_in_bytes"), written + "\n");

        Optional<MemoryLimit> limit = new CgroupMemoryReader(root).read().limit();

        assertThat(limit).contains(unlimited ? MemoryLimit.UNLIMITED : new MemoryLimit.Limited(written));
    }

    @Test
    void detectsTheCgroupVersionOnEveryRead(@TempDir Path root) throws IOException {
        CgroupMemoryReader reader = new CgroupMemoryReader(root);
        Files.writeString(root.resolve("memory.usage_in_bytes"), "1000\n");
        CgroupMemory first = reader.read();

        Files.delete(root.resolve("memory.usage_in_bytes"));
        Files.writeString(root.resolve("memory.current"), "2000\n");
        CgroupMemory second = reader.read();

        assertThat(first.version()).contains(CgroupVersion.V1);
        assertThat(first.usageBytes()).hasValue(1000);
        assertThat(second.version()).contains(CgroupVersion.V2);
        assertThat(second.usageBytes()).hasValue(2000);
    }

    @Test
    void aRootWithoutCgroupFilesReadsAsNothingAndSaysSoOnce(@TempDir Path root) {
        CgroupMemoryReader reader = new CgroupMemoryReader(root);
        try (LogCapture log = LogCapture.of(CgroupMemoryReader.class)) {
            assertThat(reader.read()).isEqualTo(CgroupMemory.NONE);
            assertThat(reader.read()).isEqualTo(CgroupMemory.NONE);

            assertThat(log.lines())
                    .containsExactly("WARNING Found no cgroup memory files under " + root
                            + " (neither v2 memory.current nor v1 memory.usage_in_bytes, nor a v1 memory/ directory);"
                            + " memory metrics are left out. Set CGROUP_ROOT to a cgroup mount.");
        }
    }

    @Test
    void eachMissingFileIsLoggedOnceWhateverTheNumberOfReads() {
        Path root = fixture("v2-missing-files");
        CgroupMemoryReader reader = new CgroupMemoryReader(root);
        try (LogCapture log = LogCapture.of(CgroupMemoryReader.class)) {
            reader.read();
            reader.read();
            reader.read();

            String leftOut = " is missing; the figures it holds are left out of the memory metrics";
            assertThat(log.lines())
                    .containsExactly(
                            "WARNING Cgroup file " + root.resolve("memory.stat") + leftOut,
                            "WARNING Cgroup file " + root.resolve("memory.pressure") + leftOut,
                            "WARNING Cgroup file " + root.resolve("memory.max") + leftOut,
                            "WARNING Cgroup file " + root.resolve("memory.events") + leftOut);
        }
    }

    @Test
    void eachMalformedFigureIsLoggedOnceWhateverTheNumberOfReads() {
        Path root = fixture("v2-malformed");
        CgroupMemoryReader reader = new CgroupMemoryReader(root);
        try (LogCapture log = LogCapture.of(CgroupMemoryReader.class)) {
            reader.read();
            reader.read();

            String leftOut = "; that figure is left out of the memory metrics";
            assertThat(log.lines())
                    .containsExactly(
                            "WARNING Cgroup file " + root.resolve("memory.max")
                                    + " holds 'lots' as the limit, not a non-negative integer" + leftOut,
                            "WARNING Cgroup file " + root.resolve("memory.stat")
                                    + " holds 'n/a' as 'anon', not a non-negative integer" + leftOut,
                            "WARNING Cgroup file " + root.resolve("memory.events") + " has no 'oom_kill' line"
                                    + leftOut,
                            "WARNING Cgroup file " + root.resolve("memory.pressure")
                                    + " holds 'full avg10=0.00 avg60=0.03 avg300=0.01' as 'full total',"
                                    + " not a non-negative integer" + leftOut);
        }
    }

    @Test
    void aValueThatChangesButStaysMalformedIsLoggedOnce(@TempDir Path root) throws IOException {
        CgroupMemoryReader reader = new CgroupMemoryReader(root);
        try (LogCapture log = LogCapture.of(CgroupMemoryReader.class)) {
            Files.writeString(root.resolve("memory.current"), "-1\n");
            reader.read();
            Files.writeString(root.resolve("memory.current"), "12 KiB\n");
            CgroupMemory memory = reader.read();

            assertThat(memory.usageBytes()).isEmpty();
            assertThat(log.lines())
                    .filteredOn(line -> line.contains("memory.current"))
                    .containsExactly("WARNING Cgroup file " + root.resolve("memory.current")
                            + " holds '-1' as its value, not a non-negative integer;"
                            + " that figure is left out of the memory metrics");
        }
    }

    @Test
    void anUnreadableFileLeavesItsFiguresEmptyWithoutThrowing(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "memory\n");
        Files.createDirectory(root.resolve("memory.stat"));
        CgroupMemoryReader reader = new CgroupMemoryReader(root);
        try (LogCapture log = LogCapture.of(CgroupMemoryReader.class)) {
            CgroupMemory memory = reader.read();

            assertThat(memory.rssBytes()).isEmpty();
            assertThat(memory.inactiveFileBytes()).isEmpty();
            assertThat(log.lines())
                    .filteredOn(line -> line.contains("memory.stat"))
                    .singleElement()
                    .asString()
                    .startsWith("WARNING Cannot read cgroup file " + root.resolve("memory.stat") + " (");
        }
    }

    /** The key must be a line's whole first token: "anon" is not "anon_thp", nor "total_anon". */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "anon_thp 0\\nanon 4096\\nfile 1|anon|anon 4096",
                "total_anon 9\\nanon 4096|anon|anon 4096",
                "file 1\\nanon 4096|anon|anon 4096",
                "file 1\\n  anon   4096  \\n|anon|anon 4096",
                "some avg10=0.00 total=7\\nfull avg10=0.00 total=3|full|full avg10=0.00 total=3",
                "anon_thp 0\\nfile 1\\n|anon|",
                "''|anon|",
            })
    void findsTheLineWhoseFirstTokenIsTheKey(String text, String key, String expected) {
        assertThat(CgroupMemoryReader.lineOf(text.replace("\\n", "\n"), key).map(tokens -> String.join(" ", tokens)))
                .isEqualTo(Optional.ofNullable(expected));
    }
}
