package io.kafkaorchestrator.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of one health endpoint.
 *
 * @param httpStatus what the endpoint answers with
 * @param fields     the endpoint's own fields in body order (the seed's names: brokerFound, brokerRegistered, ...)
 * @param error      why it does not pass (absent when it passes)
 * @param observedAt when the cluster state it is based on was observed
 * @param ageMs      how old that state was when the verdict was made
 */
public record Verdict(Status status, int httpStatus, int brokerId, Map<String, Object> fields, Optional<String> error,
                      List<Check> checks, Optional<Instant> observedAt, Optional<Long> ageMs) {

    public Verdict {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        checks = List.copyOf(checks);
    }

    public boolean passes() {
        return httpStatus == 200;
    }

    static Verdict of(Status status, int httpStatus, HealthPolicy policy, Map<String, Object> fields,
                      Optional<String> error, List<Check> checks, Optional<Observation> observation, Instant now) {
        return new Verdict(status, httpStatus, policy.brokerId(), fields, error, checks,
                observation.map(o -> o.snapshot().observedAt()), observation.map(o -> o.age(now).toMillis()));
    }
}
