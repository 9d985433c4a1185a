package io.kafkaorchestrator.health;

/** The {@code status} field of a health body. The first two are the seed's words. */
public enum Status {
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy"),
    /** Liveness during the startup grace: the broker has not been seen healthy yet, and a restart would not help. */
    STARTING("starting"),
    /**
     * Liveness of a broker that is registered but fenced and answers on its listener, past the startup grace: it is
     * running, catching up with the metadata log or cut off from the controller, and a restart would not help.
     */
    FENCED("fenced"),
    /** The sidecar cannot tell (its own credentials or permissions fail, or restart-safety lacks data). */
    UNKNOWN("unknown"),
    /** Restart-safety: stopping this broker now hurts no partition. */
    SAFE("safe"),
    /** Restart-safety: stopping this broker now would take partitions offline or below min.insync.replicas. */
    UNSAFE("unsafe");

    private final String json;

    Status(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
