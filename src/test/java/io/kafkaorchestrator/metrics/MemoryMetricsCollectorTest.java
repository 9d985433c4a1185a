package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.testing.Promtool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryMetricsCollectorTest {

    /**
     * Each fixture tree's whole scrape, against its text in {@code cgroup-scrapes/NAME.prom}:
     * <ul>
     *   <li>v2-limited: every metric;</li>
     *   <li>v2-unlimited: a zero limit and zero ratios;</li>
     *   <li>v2-no-psi: no pressure counters;</li>
     *   <li>v2-missing-files, v1-missing-files: only what could be read;</li>
     *   <li>v2-malformed (memory.max "lots", memory.stat "anon n/a", an empty memory.events, a PSI "full" line without
     *       total=): the metrics that need them are dropped;</li>
     *   <li>v1-limited: the hierarchical totals (total_rss 64 MiB, total_inactive_file 32 MiB), not the cgroup's own
     *       rss (48 MiB) and inactive_file (8 MiB), which leave out its child cgroups;</li>
     *   <li>v1-unlimited (figures copied from this machine's v1 memory controller): read from the memory controller's
     *       directory itself, limit 9223372036854771712 meaning none.</li>
     * </ul>
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "v2-limited",
                "v2-unlimited",
                "v2-no-psi",
                "v2-missing-files",
                "v1-missing-files",
                "v2-malformed",
                "v1-limited",
                "v1-unlimited"
            })
    void aFixtureTreeGivesItsWholeScrape(String fixture) {
        assertThat(scrape(fixture(fixture))).isEqualTo(ScrapeText.golden("/cgroup-scrapes/" + fixture + ".prom"));
    }

    @Test
    void aRootWithoutCgroupFilesGivesAnEmptyScrape(@TempDir Path empty) {
        assertThat(scrape(empty)).isEmpty();
        assertThat(scrape(empty.resolve("does-not-exist"))).isEmpty();
    }

    @Test
    void theGoToolsOwnVectorsGiveItsValues() {
        // The Go tool's testdata (cgroupv1, cgroupv2): usage 100 MiB, limit 256 MiB, rss 50 MiB, inactive file 10 MiB.
        for (String fixture : List.of("go-v1", "go-v2")) {
            assertThat(scrape(fixture(fixture))
                            .lines()
                            .filter(line -> !line.startsWith("#"))
                            .toList())
                    .as("samples from %s", fixture)
                    .isEqualTo(List.of(
                            "kafka_memory_inactive_file_bytes 1.048576E7",
                            "kafka_memory_limit_bytes 2.68435456E8",
                            "kafka_memory_non_reclaimable_bytes 5.24288E7",
                            "kafka_memory_oom_floor_ratio 0.1953125",
                            "kafka_memory_oom_ratio 0.3515625",
                            "kafka_memory_rss_bytes 5.24288E7",
                            "kafka_memory_usage_bytes 1.048576E8",
                            "kafka_memory_working_set_bytes 9.437184E7"));
        }
    }

    @Test
    void aZeroLimitGivesZeroRatiosAsTheGoToolDoes(@TempDir Path root) throws IOException {
        Path v2 = Files.createDirectories(root.resolve("v2"));
        Files.writeString(v2.resolve("cgroup.controllers"), "memory\n");
        Files.writeString(v2.resolve("memory.current"), "0\n");
        Files.writeString(v2.resolve("memory.max"), "0\n");
        Files.writeString(v2.resolve("memory.stat"), "anon 0\ninactive_file 0\n");
        Path v1 = Files.createDirectories(root.resolve("v1/memory"));
        Files.writeString(v1.resolve("memory.usage_in_bytes"), "0\n");
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "0\n");
        Files.writeString(v1.resolve("memory.stat"), "total_rss 0\ntotal_inactive_file 0\n");

        for (Path cgroupRoot : List.of(v2, root.resolve("v1"))) {
            assertThat(scrape(cgroupRoot)
                            .lines()
                            .filter(line -> !line.startsWith("#"))
                            .toList())
                    .as("samples from %s", cgroupRoot)
                    .isEqualTo(List.of(
                            "kafka_memory_inactive_file_bytes 0.0",
                            "kafka_memory_limit_bytes 0.0",
                            "kafka_memory_non_reclaimable_bytes 0.0",
                            "kafka_memory_oom_floor_ratio 0.0",
                            "kafka_memory_oom_ratio 0.0",
                            "kafka_memory_rss_bytes 0.0",
                            "kafka_memory_usage_bytes 0.0",
                            "kafka_memory_working_set_bytes 0.0"));
        }
    }

    @Test
    void promtoolFindsNoProblemInTheScrape() {
        Promtool.assumeInstalled();
        String exposition = scrape(fixture("v2-limited"));

        Promtool.Result result = Promtool.checkMetrics(exposition);

        assertThat(result.succeeded())
                .as("promtool check metrics said:%n%s", result.output())
                .isTrue();
    }

    static String scrape(Path cgroupRoot) {
        return ScrapeText.of(new MemoryMetricsCollector(cgroupRoot));
    }

    static Path fixture(String name) {
        return resource("/cgroup/" + name);
    }

    private static Path resource(String name) {
        try {
            return Path.of(MemoryMetricsCollectorTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
