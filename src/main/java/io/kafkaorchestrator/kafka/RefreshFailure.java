package io.kafkaorchestrator.kafka;

/**
 * One Admin call that failed during a refresh, classified so that health decisions can tell the sidecar's own
 * trouble (authentication, authorization) from the broker's (unreachable, timed out).
 */
public record RefreshFailure(Call call, Kind kind, String message) {

    public enum Call {
        DESCRIBE_CLUSTER,
        DESCRIBE_METADATA_QUORUM,
        DESCRIBE_TOPICS,
        DESCRIBE_CONFIGS,
        DESCRIBE_LOG_DIRS,
        /** Shown on /about and /metrics only: no verdict depends on it. */
        DESCRIBE_FEATURES;

        /** True when a verdict is decided from what the call reads. */
        public boolean decides() {
            return this != DESCRIBE_FEATURES;
        }
    }

    public enum Kind {
        /** The sidecar's credentials were refused: the broker is not at fault. */
        AUTHENTICATION,
        /** The sidecar's principal lacks a permission: the broker is not at fault. */
        AUTHORIZATION,
        /** No answer within the refresh's time budget. */
        TIMEOUT,
        /** The API is not supported by this cluster (older versions). */
        UNSUPPORTED,
        /** Anything else, including brokers that cannot be reached. */
        ERROR;

        /** True when the failure is the sidecar's own (credentials, permissions), not the broker's. */
        public boolean sidecarsOwn() {
            return this == AUTHENTICATION || this == AUTHORIZATION;
        }
    }
}
