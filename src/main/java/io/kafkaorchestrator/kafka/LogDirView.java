package io.kafkaorchestrator.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * One log directory of this broker.
 *
 * @param error          why the directory is offline, empty when it is online
 * @param futureReplicas replicas being moved into this directory (intra-broker moves in progress)
 */
public record LogDirView(
        String path, Optional<String> error, OptionalLong totalBytes, OptionalLong usableBytes, int futureReplicas) {

    public boolean online() {
        return error.isEmpty();
    }

    /** The directories as a broker's describeLogDirs answer lists them, sorted by path. */
    static List<LogDirView> of(Map<String, LogDirDescription> dirs) {
        return dirs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    LogDirDescription d = e.getValue();
                    int future = (int) d.replicaInfos().values().stream()
                            .filter(r -> r.isFuture())
                            .count();
                    Optional<String> error = Optional.ofNullable(d.error()).map(AdminCalls::describe);
                    return new LogDirView(e.getKey(), error, d.totalBytes(), d.usableBytes(), future);
                })
                .toList();
    }
}
