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

class MemoryMetricsCollectorTest {

    @Test
    void v2WithALimitExportsEveryMetric() {
        assertThat(scrape(fixture("v2-limited"))).isEqualTo("""
                # HELP kafka_memory_inactive_file_bytes Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).
                # TYPE kafka_memory_inactive_file_bytes gauge
                kafka_memory_inactive_file_bytes 1.6777216E7
                # HELP kafka_memory_limit_bytes Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); 0 when unlimited.
                # TYPE kafka_memory_limit_bytes gauge
                kafka_memory_limit_bytes 1.34217728E8
                # HELP kafka_memory_non_reclaimable_bytes Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.
                # TYPE kafka_memory_non_reclaimable_bytes gauge
                kafka_memory_non_reclaimable_bytes 5.0331648E7
                # HELP kafka_memory_oom_floor_ratio RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.
                # TYPE kafka_memory_oom_floor_ratio gauge
                kafka_memory_oom_floor_ratio 0.375
                # HELP kafka_memory_oom_kills_total Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).
                # TYPE kafka_memory_oom_kills_total counter
                kafka_memory_oom_kills_total 2.0
                # HELP kafka_memory_oom_ratio Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.
                # TYPE kafka_memory_oom_ratio gauge
                kafka_memory_oom_ratio 0.625
                # HELP kafka_memory_pressure_full_seconds_total Time in which all non-idle tasks stalled waiting for memory at once (PSI, v2 memory.pressure full total).
                # TYPE kafka_memory_pressure_full_seconds_total counter
                kafka_memory_pressure_full_seconds_total 0.25
                # HELP kafka_memory_pressure_some_seconds_total Time in which some tasks stalled waiting for memory (PSI, v2 memory.pressure some total).
                # TYPE kafka_memory_pressure_some_seconds_total counter
                kafka_memory_pressure_some_seconds_total 1.5
                # HELP kafka_memory_rss_bytes Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).
                # TYPE kafka_memory_rss_bytes gauge
                kafka_memory_rss_bytes 5.0331648E7
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 1.00663296E8
                # HELP kafka_memory_working_set_bytes Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.
                # TYPE kafka_memory_working_set_bytes gauge
                kafka_memory_working_set_bytes 8.388608E7
                """);
    }

    @Test
    void v2UnlimitedHasAZeroLimitAndZeroRatios() {
        assertThat(scrape(fixture("v2-unlimited"))).isEqualTo("""
                # HELP kafka_memory_inactive_file_bytes Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).
                # TYPE kafka_memory_inactive_file_bytes gauge
                kafka_memory_inactive_file_bytes 1.6777216E7
                # HELP kafka_memory_limit_bytes Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); 0 when unlimited.
                # TYPE kafka_memory_limit_bytes gauge
                kafka_memory_limit_bytes 0.0
                # HELP kafka_memory_non_reclaimable_bytes Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.
                # TYPE kafka_memory_non_reclaimable_bytes gauge
                kafka_memory_non_reclaimable_bytes 5.0331648E7
                # HELP kafka_memory_oom_floor_ratio RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.
                # TYPE kafka_memory_oom_floor_ratio gauge
                kafka_memory_oom_floor_ratio 0.0
                # HELP kafka_memory_oom_kills_total Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).
                # TYPE kafka_memory_oom_kills_total counter
                kafka_memory_oom_kills_total 0.0
                # HELP kafka_memory_oom_ratio Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.
                # TYPE kafka_memory_oom_ratio gauge
                kafka_memory_oom_ratio 0.0
                # HELP kafka_memory_pressure_full_seconds_total Time in which all non-idle tasks stalled waiting for memory at once (PSI, v2 memory.pressure full total).
                # TYPE kafka_memory_pressure_full_seconds_total counter
                kafka_memory_pressure_full_seconds_total 0.0
                # HELP kafka_memory_pressure_some_seconds_total Time in which some tasks stalled waiting for memory (PSI, v2 memory.pressure some total).
                # TYPE kafka_memory_pressure_some_seconds_total counter
                kafka_memory_pressure_some_seconds_total 0.0
                # HELP kafka_memory_rss_bytes Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).
                # TYPE kafka_memory_rss_bytes gauge
                kafka_memory_rss_bytes 5.0331648E7
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 1.00663296E8
                # HELP kafka_memory_working_set_bytes Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.
                # TYPE kafka_memory_working_set_bytes gauge
                kafka_memory_working_set_bytes 8.388608E7
                """);
    }

    @Test
    void v2WithoutPsiHasNoPressureCounters() {
        assertThat(scrape(fixture("v2-no-psi"))).isEqualTo("""
                # HELP kafka_memory_inactive_file_bytes Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).
                # TYPE kafka_memory_inactive_file_bytes gauge
                kafka_memory_inactive_file_bytes 1.6777216E7
                # HELP kafka_memory_limit_bytes Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); 0 when unlimited.
                # TYPE kafka_memory_limit_bytes gauge
                kafka_memory_limit_bytes 1.34217728E8
                # HELP kafka_memory_non_reclaimable_bytes Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.
                # TYPE kafka_memory_non_reclaimable_bytes gauge
                kafka_memory_non_reclaimable_bytes 5.0331648E7
                # HELP kafka_memory_oom_floor_ratio RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.
                # TYPE kafka_memory_oom_floor_ratio gauge
                kafka_memory_oom_floor_ratio 0.375
                # HELP kafka_memory_oom_kills_total Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).
                # TYPE kafka_memory_oom_kills_total counter
                kafka_memory_oom_kills_total 2.0
                # HELP kafka_memory_oom_ratio Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.
                # TYPE kafka_memory_oom_ratio gauge
                kafka_memory_oom_ratio 0.625
                # HELP kafka_memory_rss_bytes Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).
                # TYPE kafka_memory_rss_bytes gauge
                kafka_memory_rss_bytes 5.0331648E7
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 1.00663296E8
                # HELP kafka_memory_working_set_bytes Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.
                # TYPE kafka_memory_working_set_bytes gauge
                kafka_memory_working_set_bytes 8.388608E7
                """);
    }

    @Test
    void v2WithMissingFilesExportsOnlyWhatItCouldRead() {
        assertThat(scrape(fixture("v2-missing-files"))).isEqualTo("""
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 1.00663296E8
                """);
    }

    @Test
    void v2WithMalformedFilesDropsTheMetricsThatNeedThem() {
        // memory.max "lots", memory.stat "anon n/a", an empty memory.events, a PSI "full" line without total=.
        assertThat(scrape(fixture("v2-malformed"))).isEqualTo("""
                # HELP kafka_memory_inactive_file_bytes Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).
                # TYPE kafka_memory_inactive_file_bytes gauge
                kafka_memory_inactive_file_bytes 1.6777216E7
                # HELP kafka_memory_pressure_some_seconds_total Time in which some tasks stalled waiting for memory (PSI, v2 memory.pressure some total).
                # TYPE kafka_memory_pressure_some_seconds_total counter
                kafka_memory_pressure_some_seconds_total 1.5
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 1.00663296E8
                # HELP kafka_memory_working_set_bytes Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.
                # TYPE kafka_memory_working_set_bytes gauge
                kafka_memory_working_set_bytes 8.388608E7
                """);
    }

    @Test
    void v1WithALimitReadsTheHierarchicalTotals() {
        // total_rss 64 MiB and total_inactive_file 32 MiB; the cgroup's own rss (48 MiB) and inactive_file (8 MiB)
        // leave out its child cgroups and must not be used.
        assertThat(scrape(fixture("v1-limited"))).isEqualTo("""
                # HELP kafka_memory_inactive_file_bytes Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).
                # TYPE kafka_memory_inactive_file_bytes gauge
                kafka_memory_inactive_file_bytes 3.3554432E7
                # HELP kafka_memory_limit_bytes Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); 0 when unlimited.
                # TYPE kafka_memory_limit_bytes gauge
                kafka_memory_limit_bytes 2.68435456E8
                # HELP kafka_memory_non_reclaimable_bytes Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.
                # TYPE kafka_memory_non_reclaimable_bytes gauge
                kafka_memory_non_reclaimable_bytes 6.7108864E7
                # HELP kafka_memory_oom_floor_ratio RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.
                # TYPE kafka_memory_oom_floor_ratio gauge
                kafka_memory_oom_floor_ratio 0.25
                # HELP kafka_memory_oom_kills_total Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).
                # TYPE kafka_memory_oom_kills_total counter
                kafka_memory_oom_kills_total 1.0
                # HELP kafka_memory_oom_ratio Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.
                # TYPE kafka_memory_oom_ratio gauge
                kafka_memory_oom_ratio 0.75
                # HELP kafka_memory_rss_bytes Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).
                # TYPE kafka_memory_rss_bytes gauge
                kafka_memory_rss_bytes 6.7108864E7
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 2.34881024E8
                # HELP kafka_memory_working_set_bytes Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.
                # TYPE kafka_memory_working_set_bytes gauge
                kafka_memory_working_set_bytes 2.01326592E8
                """);
    }

    @Test
    void v1UnlimitedReadFromTheMemoryControllerDirectoryItself() {
        // Figures copied from this machine's v1 memory controller: limit 9223372036854771712 means none.
        assertThat(scrape(fixture("v1-unlimited"))).isEqualTo("""
                # HELP kafka_memory_inactive_file_bytes Inactive page cache, the first memory reclaimed (memory.stat inactive_file, v1 total_inactive_file).
                # TYPE kafka_memory_inactive_file_bytes gauge
                kafka_memory_inactive_file_bytes 1.6408576E8
                # HELP kafka_memory_limit_bytes Memory limit of the cgroup (v2 memory.max, v1 memory.limit_in_bytes); 0 when unlimited.
                # TYPE kafka_memory_limit_bytes gauge
                kafka_memory_limit_bytes 0.0
                # HELP kafka_memory_non_reclaimable_bytes Memory that reclaim cannot free without swap; equal to kafka_memory_rss_bytes.
                # TYPE kafka_memory_non_reclaimable_bytes gauge
                kafka_memory_non_reclaimable_bytes 1.1935744E7
                # HELP kafka_memory_oom_floor_ratio RSS divided by the memory limit, 0 when unlimited: the share no page cache reclaim can free.
                # TYPE kafka_memory_oom_floor_ratio gauge
                kafka_memory_oom_floor_ratio 0.0
                # HELP kafka_memory_oom_kills_total Processes killed by the OOM killer in the cgroup (v2 memory.events oom_kill, v1 memory.oom_control).
                # TYPE kafka_memory_oom_kills_total counter
                kafka_memory_oom_kills_total 0.0
                # HELP kafka_memory_oom_ratio Working set divided by the memory limit, 0 when unlimited: 1 means an OOM kill is imminent.
                # TYPE kafka_memory_oom_ratio gauge
                kafka_memory_oom_ratio 0.0
                # HELP kafka_memory_rss_bytes Anonymous memory of the cgroup (v2 memory.stat anon, v1 total_rss).
                # TYPE kafka_memory_rss_bytes gauge
                kafka_memory_rss_bytes 1.1935744E7
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 2.92315136E8
                # HELP kafka_memory_working_set_bytes Usage minus inactive page cache, floor 0: the memory that counts towards an OOM kill.
                # TYPE kafka_memory_working_set_bytes gauge
                kafka_memory_working_set_bytes 1.28229376E8
                """);
    }

    @Test
    void v1WithMissingFilesExportsOnlyWhatItCouldRead() {
        assertThat(scrape(fixture("v1-missing-files"))).isEqualTo("""
                # HELP kafka_memory_usage_bytes Memory charged to the cgroup, page cache included (v2 memory.current, v1 memory.usage_in_bytes).
                # TYPE kafka_memory_usage_bytes gauge
                kafka_memory_usage_bytes 2.34881024E8
                """);
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
            assertThat(scrape(fixture(fixture)).lines().filter(line -> !line.startsWith("#")).toList())
                    .as("samples from %s", fixture).isEqualTo(List.of(
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
            assertThat(scrape(cgroupRoot).lines().filter(line -> !line.startsWith("#")).toList())
                    .as("samples from %s", cgroupRoot).isEqualTo(List.of(
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

        assertThat(result.succeeded()).as("promtool check metrics said:%n%s", result.output()).isTrue();
    }

    static String scrape(Path cgroupRoot) {
        return ScrapeText.of(new MemoryMetricsCollector(cgroupRoot));
    }

    static Path fixture(String name) {
        try {
            return Path.of(MemoryMetricsCollectorTest.class.getResource("/cgroup/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
