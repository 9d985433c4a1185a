package io.kafkaorchestrator.health;

import java.util.Optional;

/**
 * The three verdicts made at one instant from one observation, which they come with: one consistent view for a
 * reader that needs all of them, such as a metrics scrape.
 */
public record Verdicts(
        Optional<Observation> observation,
        Verdict<VerdictFields.Live> live,
        Verdict<VerdictFields.Ready> ready,
        Verdict<VerdictFields.RestartSafe> restartSafe) {}
