package io.kafkaorchestrator.config;

import java.util.HashMap;
import java.util.Map;

/** Environment maps for tests, written as NAME=value pairs. */
final class TestEnv {
    /** What Control Plane injects into replica 2 of workload "kafka" in GVC "prod" at location "aws-us-west-2". */
    static final Map<String, String> CONTROL_PLANE = Map.of(
            "HOSTNAME", "kafka-2",
            "CPLN_WORKLOAD", "/org/acme/gvc/prod/workload/kafka",
            "CPLN_LOCATION", "/org/acme/location/aws-us-west-2",
            "CPLN_GVC", "/org/acme/gvc/prod",
            "CPLN_GVC_ALIAS", "k8s1a2b3c");

    private TestEnv() {}

    /** The base with each "NAME=value" added or replaced (the value is everything after the first "="). */
    static Map<String, String> with(Map<String, String> base, String... assignments) {
        Map<String, String> env = new HashMap<>(base);
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return env;
    }

    static Map<String, String> of(String... assignments) {
        return with(Map.of(), assignments);
    }
}
