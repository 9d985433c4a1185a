package io.kafkaorchestrator.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where this broker runs, as far as the environment tells: the effective workload, location, GVC and GVC alias
 * (an override variable if set, else what was discovered from the platform's injected variables) and the raw
 * HOSTNAME. For logs and /about; empty when not known, e.g. when running outside Control Plane.
 */
public record Topology(
        Optional<String> workload,
        Optional<String> location,
        Optional<String> gvc,
        Optional<String> gvcAlias,
        Optional<String> hostname) {

    public Topology {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(gvc, "gvc");
        Objects.requireNonNull(gvcAlias, "gvcAlias");
        Objects.requireNonNull(hostname, "hostname");
    }

    public static Topology unknown() {
        return new Topology(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
