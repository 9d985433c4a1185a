package io.kafkaorchestrator.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * One of the sidecar's three Admin clients (liveness, quorum, scan: so that none waits for another's calls),
 * long-lived and recreated only after an authentication failure. Creating it fails when no bootstrap address resolves
 * yet (on Control Plane, replica names resolve only for ready replicas), so it is created lazily and retried on every
 * refresh instead of ending the process.
 */
public final class KafkaConnection implements AutoCloseable {

    private final Properties properties;
    private final Function<Properties, Admin> create;
    /** The kernel's name of the Admin client's network thread (its first 15 characters). */
    private static final String CLIENT_THREAD = "kafka-admin-cli";

    private Admin admin;
    private int priorityLowerings;
    private String lastError = "the Kafka client has not been created yet";

    public KafkaConnection(Properties properties) {
        this(properties, Admin::create);
    }

    /** With another way to create the client (tests: a MockAdminClient). */
    KafkaConnection(Properties properties, Function<Properties, Admin> create) {
        this.properties = properties;
        this.create = create;
    }

    /** The client, created on first use; empty (see {@link #lastError()}) while it cannot be created. */
    public synchronized Optional<Admin> admin() {
        if (admin == null) {
            try {
                admin = create.apply(properties);
                priorityLowerings = 0;
            } catch (KafkaException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                lastError = "cannot create the Kafka client for bootstrap servers "
                        + properties.getProperty("bootstrap.servers") + ": " + cause.getMessage();
            }
        }
        if (admin != null && priorityLowerings < 2) {
            // The client decodes every answer on its network thread, which takes its name as it starts, maybe after
            // create() returned: lowered now and again at the next use.
            BackgroundPriority.lowerThreadsNamed(CLIENT_THREAD);
            priorityLowerings++;
        }
        return Optional.ofNullable(admin);
    }

    /**
     * Closes the client so that the next {@link #admin()} creates a new one. After an authentication failure the
     * Admin client's metadata keeps the error as fatal and never recovers, even once the credentials work again.
     */
    public synchronized void discard() {
        close();
    }

    /** The client id it connects with: names the client's network thread and its metrics. */
    public String clientId() {
        return properties.getProperty("client.id", "");
    }

    public synchronized String lastError() {
        return lastError;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
