package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks BrokerMetricsIT runs on the dashboard's queries against a real scrape: each can fail. */
class DashboardQueriesTest {

    private static final Map<String, Set<String>> SCRAPE = DashboardQueries.seriesLabels("""
            # HELP kafka_sidecar_broker_ready 1 when /health/ready passes, 0 when it fails
            # TYPE kafka_sidecar_broker_ready gauge
            kafka_sidecar_broker_ready{broker_id="0"} 1.0
            kafka_memory_oom_ratio 0.5
            kafka_sidecar_refresh_failures_total{broker_id="0",call="describe_cluster",kind="timeout"} 2.0
            """);

    @Test
    void readsSeriesAndTheirLabelsFromAScrape() {
        assertThat(SCRAPE)
                .isEqualTo(Map.of(
                        "kafka_sidecar_broker_ready",
                        Set.of("broker_id"),
                        "kafka_memory_oom_ratio",
                        Set.of(),
                        "kafka_sidecar_refresh_failures_total",
                        Set.of("broker_id", "call", "kind")));
    }

    @Test
    void acceptsSeriesLabelsAndTargetLabelsTheScrapeHas() {
        assertThat(DashboardQueries.problems(
                        "sum by (broker_id, kind, instance)"
                                + " (rate(kafka_sidecar_refresh_failures_total{instance=~\"$instance\","
                                + " call=\"describe_cluster\"}[5m]))",
                        SCRAPE))
                .isEmpty();
        assertThat(DashboardQueries.problems("kafka_memory_oom_ratio{instance=~\"$instance\"}", SCRAPE))
                .isEmpty();
    }

    @Test
    void namesASeriesALabelAGroupingOrABareNameTheScrapeDoesNotHave() {
        assertThat(DashboardQueries.problems("kafka_sidecar_broker_redy{instance=~\"$instance\"}", SCRAPE))
                .containsExactly("series kafka_sidecar_broker_redy is not in the scrape");
        assertThat(DashboardQueries.problems("kafka_sidecar_broker_ready{dir=\"/data\"}", SCRAPE))
                .containsExactly("series kafka_sidecar_broker_ready has no label dir");
        assertThat(DashboardQueries.problems("sum by (topic) (kafka_sidecar_broker_ready{})", SCRAPE))
                .containsExactly("grouped by topic, which no selected series has");
        assertThat(DashboardQueries.problems("kafka_memory_oom_ratio > 0", SCRAPE))
                .containsExactly("bare series name kafka_memory_oom_ratio: write it as kafka_memory_oom_ratio{...}");
    }

    @Test
    void theDashboardHasAQueryPerTarget() throws Exception {
        assertThat(DashboardQueries.expressions())
                .hasSizeGreaterThan(20)
                .allSatisfy(expression -> assertThat(expression)
                        .doesNotContain("$__rate_interval")
                        .isNotBlank());
    }
}
