package io.kafkaorchestrator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The sidecar's whole configuration, validated: built once at startup by {@link ConfigLoader} from the environment.
 *
 * @param bootstrapServers the final list of "host:port" the Kafka client starts from, in order
 * @param topology         what discovery found, for logs and /about
 * @param settings         every variable's effective value and origin, secrets masked, for the startup log
 */
public record Config(
        int brokerId,
        int replicaCount,
        int kafkaPort,
        int httpPort,
        List<String> bootstrapServers,
        Duration checkTimeout,
        Duration checkInterval,
        Duration startupGrace,
        LogLevel logLevel,
        LogFormat logFormat,
        Security security,
        Path cgroupRoot,
        Topology topology,
        List<Setting> settings) {

    public Config {
        bootstrapServers = List.copyOf(bootstrapServers);
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(startupGrace, "startupGrace");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(cgroupRoot, "cgroupRoot");
        Objects.requireNonNull(topology, "topology");
        settings = List.copyOf(settings);
    }

    /** The effective configuration on one line, for the startup log: {@code NAME=value (origin), ...}. */
    public String describe() {
        return settings.stream().map(Setting::describe).collect(Collectors.joining(", "));
    }
}
