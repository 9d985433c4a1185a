package io.kafkaorchestrator.health;

import java.util.Optional;

/**
 * The three verdicts made at one instant from one observation, which they come with: one consistent view for a
 * reader that needs all of them, such as a metrics scrape.
 */
public record Verdicts(Optional<Observation> observation, Verdict live, Verdict ready, Verdict restartSafe) {
}
