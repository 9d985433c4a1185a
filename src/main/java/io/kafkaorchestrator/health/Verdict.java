package io.kafkaorchestrator.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer of one health endpoint.
 *
 * @param httpStatus what the endpoint answers with
 * @param fields     the endpoint's own fields (the seed's: brokerFound, brokerRegistered, ...); typed per endpoint, so
 *                   that readiness reads liveness's result as a value, not by name
 * @param error      why it does not pass (absent when it passes)
 * @param observedAt when the cluster state it is based on was observed
 * @param ageMs      how old that state was when the verdict was made
 */
public record Verdict<F extends VerdictFields>(
        Status status,
        int httpStatus,
        int brokerId,
        F fields,
        Optional<String> error,
        List<Check> checks,
        Optional<Instant> observedAt,
        Optional<Long> ageMs) {

    public Verdict {
        checks = List.copyOf(checks);
    }

    public boolean passes() {
        return httpStatus == 200;
    }

    static <T extends VerdictFields> Verdict<T> of(
            Status status,
            int httpStatus,
            HealthPolicy policy,
            T fields,
            Optional<String> error,
            List<Check> checks,
            Optional<Observation> observation,
            Instant now) {
        return new Verdict<>(
                status,
                httpStatus,
                policy.brokerId(),
                fields,
                error,
                checks,
                observation.map(o -> o.snapshot().observedAt()),
                observation.map(o -> o.age(now).toMillis()));
    }
}
