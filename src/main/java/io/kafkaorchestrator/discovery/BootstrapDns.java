package io.kafkaorchestrator.discovery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** BOOTSTRAP_DNS: which DNS names the bootstrap list uses for the workload's replicas. */
public enum BootstrapDns {
    /** {@code replica-{i}.{workload}.{location}.{gvc}.cpln.local}, as the original tool built them. */
    REPLICA_DIRECT("replica-direct"),
    /** {@code {workload}-{i}.{workload}.{gvcAlias}.svc.cluster.local}, the headless-service form. */
    HEADLESS("headless");

    private final String variableValue;

    BootstrapDns(String variableValue) {
        this.variableValue = variableValue;
    }

    /** The value BOOTSTRAP_DNS takes for this form. */
    public String variableValue() {
        return variableValue;
    }

    /** The form named by a BOOTSTRAP_DNS value, in any case. */
    public static Optional<BootstrapDns> fromVariableValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(form -> form.variableValue.equals(lower))
                .findFirst();
    }
}
