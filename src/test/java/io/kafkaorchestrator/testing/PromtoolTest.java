package io.kafkaorchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins that the helper reports what promtool finds, so a check that passes means something. */
class PromtoolTest {

    @BeforeEach
    void needsPromtool() {
        Promtool.assumeInstalled();
    }

    @Test
    void checkMetricsAcceptsACleanScrape() {
        Promtool.Result result = Promtool.checkMetrics("""
                # HELP jobs_done_total Jobs done.
                # TYPE jobs_done_total counter
                jobs_done_total 3.0
                """);

        assertThat(result).isEqualTo(new Promtool.Result(0, ""));
    }

    @Test
    void checkMetricsReportsLintProblems() {
        Promtool.Result result = Promtool.checkMetrics("""
                # TYPE jobs_done counter
                jobs_done 3.0
                """);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.output())
                .contains("jobs_done counter metrics should have \"_total\" suffix", "jobs_done no help text");
    }
}
