package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.Promtool;
import io.kafkaorchestrator.testing.SidecarProcess;
import io.kafkaorchestrator.testing.SidecarUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The broker gauges of a sidecar watching a real cluster, before and after brokers are killed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerMetricsIT {

    /** Gauges whose values depend on timing (ages, durations, counts of refreshes) are left out of the comparison. */
    static final List<String> TIMING = List.of(
            "kafka_sidecar_snapshot_age_seconds",
            "kafka_sidecar_refresh_duration_seconds",
            "kafka_sidecar_refreshes_total",
            "kafka_sidecar_refresh_failures_total",
            "kafka_sidecar_log_dir_total_bytes",
            "kafka_sidecar_log_dir_usable_bytes",
            "kafka_sidecar_refresh_received_bytes",
            "kafka_sidecar_refresher_cpu_seconds_total",
            "kafka_sidecar_scan_age_seconds",
            "kafka_sidecar_scan_duration_seconds",
            "kafka_sidecar_scan_received_bytes",
            "kafka_sidecar_scans_total");
    /** The cluster's id and feature levels: ClusterFeaturesIT compares them with what the cluster reports. */
    static final List<String> CLUSTER = List.of("kafka_sidecar_cluster_info", "kafka_sidecar_finalized_feature_level");

    BrokerProcessCluster cluster;
    SidecarUnderTest sidecar;
    String healthyScrape;

    @BeforeAll
    void start() throws Exception {
        cluster = BrokerProcessCluster.builder().brokers(3).combined().start();
        cluster.admin()
                .createTopics(List.of(new NewTopic("orders", 4, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                .all()
                .get();
        sidecar = SidecarUnderTest.start(Map.of(
                "BROKER_ID",
                "0",
                "CHECK_INTERVAL",
                "500ms",
                "CHECK_TIMEOUT",
                "2s",
                "BOOTSTRAP_SERVERS",
                cluster.bootstrapServers(0) + "," + cluster.bootstrapServers(1) + "," + cluster.bootstrapServers(2)));
        // A scrape of the whole healthy cluster, before any test kills a broker: every series the sidecar can have.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sidecar.get("/metrics").body().contains("kafka_sidecar_scan_age_seconds{"));
        healthyScrape = sidecar.get("/metrics").body();
    }

    @AfterAll
    void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Broker 0's gauges while every broker is up, without the timings and the cluster's info. */
    static final String ALL_UP = """
            kafka_sidecar_broker_fenced{broker_id="0"} 0.0
            kafka_sidecar_broker_live{broker_id="0"} 1.0
            kafka_sidecar_broker_ready{broker_id="0"} 1.0
            kafka_sidecar_broker_registered{broker_id="0"} 1.0
            kafka_sidecar_broker_starting{broker_id="0"} 0.0
            kafka_sidecar_check_interval_seconds{broker_id="0"} 0.5
            kafka_sidecar_credentials_failing{broker_id="0"} 0.0
            kafka_sidecar_log_dir_future_replicas{broker_id="0"} 0.0
            kafka_sidecar_log_dirs_offline{broker_id="0"} 0.0
            kafka_sidecar_own_listener_refusing{broker_id="0"} 0.0
            kafka_sidecar_partitions_at_risk{broker_id="0"} 0.0
            kafka_sidecar_partitions_hosted{broker_id="0"} 4.0
            kafka_sidecar_partitions_leaderless{broker_id="0"} 0.0
            kafka_sidecar_partitions_misconfigured{broker_id="0"} 0.0
            kafka_sidecar_partitions_other_replica_missing{broker_id="0"} 0.0
            kafka_sidecar_partitions_out_of_sync{broker_id="0"} 0.0
            kafka_sidecar_quorum_leader_present{broker_id="0"} 1.0
            kafka_sidecar_restart_safe{broker_id="0"} 1.0
            kafka_sidecar_scan_partitions{broker_id="0"} 4.0
            kafka_sidecar_scan_topics{broker_id="0"} 1.0
            """;

    @Test
    void brokerGaugesFollowTheClusterAsBrokersAreKilled() {
        awaitBrokerGauges(ALL_UP);

        cluster.kill(1);
        awaitBrokerGauges(ScrapeText.withSamples(ALL_UP, """
                kafka_sidecar_partitions_at_risk{broker_id="0"} 4.0
                kafka_sidecar_partitions_other_replica_missing{broker_id="0"} 4.0
                kafka_sidecar_restart_safe{broker_id="0"} 0.0
                """));

        cluster.kill(0);
        // Broker 0's own gauges stop at what the last refresh saw of it; the verdicts say it is down.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(brokerGauges(sidecar.get("/metrics").body()))
                                .contains("kafka_sidecar_broker_live{broker_id=\"0\"} 0.0\n")
                                .contains("kafka_sidecar_broker_ready{broker_id=\"0\"} 0.0\n")
                                .contains("kafka_sidecar_restart_safe{broker_id=\"0\"} -1.0\n"));
    }

    @Test
    void aRealScrapePassesPromtool() {
        Promtool.assumeInstalled();
        String scrape = sidecar.get("/metrics").body();
        Promtool.Result result = Promtool.checkMetrics(scrape);
        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(scrape)
                .contains("# TYPE kafka_sidecar_refreshes_total counter")
                .contains("jvm_memory_used_bytes")
                .contains("process_resident_memory_bytes");
    }

    @Test
    void everyDashboardQueryParsesAndAsksOnlyForSeriesAndLabelsARealScrapeHas(@TempDir Path dir) throws Exception {
        Promtool.assumeInstalled();
        List<String> expressions = DashboardQueries.expressions();
        assertThat(expressions).hasSizeGreaterThan(20);

        // promtool parses PromQL when it checks rules: one recording rule per query.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query_")
                    .append(i)
                    .append("\n        expr: '")
                    .append(expressions.get(i).replace("'", "''"))
                    .append("'\n");
        }
        Path rulesFile = dir.resolve("dashboard-rules.yml");
        Files.writeString(rulesFile, rules);
        Promtool.Result parsed = Promtool.checkRules(rulesFile);
        assertThat(parsed.succeeded())
                .as("promtool check rules on the dashboard's queries:%n%s", parsed.output())
                .isTrue();

        // Some series appear only once something failed: add a scrape of a sidecar whose Kafka calls all fail.
        Map<String, Set<String>> series = new HashMap<>(DashboardQueries.seriesLabels(healthyScrape));
        Map<String, String> env = SidecarProcess.unreachableKafkaEnv(SidecarProcess.freePort());
        env.put("CHECK_INTERVAL", "200ms");
        env.put("CHECK_TIMEOUT", "200ms");
        try (SidecarProcess failing = SidecarProcess.start(env, dir.resolve("failing-sidecar.log"))) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> failing.get("/metrics").body().contains("kafka_sidecar_refresh_failures_total{"));
            DashboardQueries.seriesLabels(failing.get("/metrics").body())
                    .forEach((name, labels) -> series.merge(name, labels, (a, b) -> {
                        Set<String> union = new java.util.HashSet<>(a);
                        union.addAll(b);
                        return union;
                    }));
        }
        assertThat(expressions)
                .allSatisfy(expression -> assertThat(DashboardQueries.problems(expression, series))
                        .as("query %s", expression)
                        .isEmpty());
    }

    private void awaitBrokerGauges(String expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() ->
                        assertThat(brokerGauges(sidecar.get("/metrics").body())).isEqualTo(expected));
    }

    private static String brokerGauges(String exposition) {
        return exposition
                .lines()
                .filter(line -> line.startsWith("kafka_sidecar_"))
                .filter(line -> TIMING.stream().noneMatch(line::startsWith))
                .filter(line -> CLUSTER.stream().noneMatch(line::startsWith))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
