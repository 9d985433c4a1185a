package io.kafkaorchestrator.kafka;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One log directory of this broker.
 *
 * @param error          why the directory is offline, empty when it is online
 * @param futureReplicas replicas being moved into this directory (intra-broker moves in progress)
 */
public record LogDirView(String path, Optional<String> error, OptionalLong totalBytes, OptionalLong usableBytes,
                         int futureReplicas) {

    public boolean online() {
        return error.isEmpty();
    }
}
