package io.kafkaorchestrator.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest {@link ClusterSnapshot}: one read every interval, each bounded by the timeout, on one background
 * thread. HTTP handlers and scrapes only ever read {@link #latest()}, so they never wait on Kafka and never add load
 * to the cluster.
 */
public final class SnapshotRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRefresher.class);

    private final ClusterReader reader;
    private final Duration interval;
    private final Duration timeout;
    private final List<Consumer<ClusterSnapshot>> listeners;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("snapshot-refresher").daemon(true).unstarted(() -> {
                BackgroundPriority.lowerCurrentThread(); // probes answer from the snapshot: they come first
                task.run();
            }));
    private volatile ClusterSnapshot latest;

    public SnapshotRefresher(
            ClusterReader reader, Duration interval, Duration timeout, List<Consumer<ClusterSnapshot>> listeners) {
        this.reader = reader;
        this.interval = interval;
        this.timeout = timeout;
        this.listeners = List.copyOf(listeners);
    }

    public void start() {
        // Fixed rate: a refresh that overruns the interval is followed at once by the next, never by a pile-up.
        scheduler.scheduleAtFixedRate(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest snapshot, empty until the first refresh has finished. */
    public Optional<ClusterSnapshot> latest() {
        return Optional.ofNullable(latest);
    }

    void refresh() {
        try {
            ClusterSnapshot snapshot = reader.read(timeout);
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: a read cut short by close() is not an observation of the cluster
            }
            latest = snapshot;
            listeners.forEach(listener -> listener.accept(snapshot));
        } catch (RuntimeException e) {
            // A bug here must not stop the schedule: the snapshot then goes stale and the probes say so.
            log.atError()
                    .setMessage("Snapshot refresh failed unexpectedly; the next one runs as usual")
                    .addKeyValue("intervalMs", interval.toMillis())
                    .setCause(e)
                    .log();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
