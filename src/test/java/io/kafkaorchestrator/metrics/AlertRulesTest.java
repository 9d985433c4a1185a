package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.testing.Promtool;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alerting rules shipped in ops/prometheus, checked and unit-tested by promtool. */
class AlertRulesTest {

    private static final Path RULES = Path.of("ops/prometheus/alerts.yml");
    private static final Path RULE_TESTS = Path.of("ops/prometheus/alerts_test.yml");

    @BeforeEach
    void needsPromtool() {
        Promtool.assumeInstalled();
    }

    @Test
    void rulesAreValid() {
        Promtool.Result result = Promtool.checkRules(RULES);

        assertThat(result.succeeded())
                .as("promtool check rules %s said:%n%s", RULES, result.output())
                .isTrue();
    }

    @Test
    void rulesPassTheirUnitTests() {
        Promtool.Result result = Promtool.testRules(RULE_TESTS);

        assertThat(result.succeeded())
                .as("promtool test rules %s said:%n%s", RULE_TESTS, result.output())
                .isTrue();
    }
}
