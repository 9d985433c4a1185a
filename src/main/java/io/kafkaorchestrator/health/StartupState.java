package io.kafkaorchestrator.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When the sidecar started and when it first saw its broker live: what the startup grace depends on. */
public record StartupState(Instant startedAt, Optional<Instant> firstLiveAt) {

    public static StartupState startedAt(Instant startedAt) {
        return new StartupState(startedAt, Optional.empty());
    }

    public StartupState withFirstLiveAt(Instant at) {
        return firstLiveAt.isPresent() ? this : new StartupState(startedAt, Optional.of(at));
    }

    /** In grace until the broker has been live once, and for at most the grace period. */
    public boolean inGrace(Instant now, Duration grace) {
        return firstLiveAt.isEmpty() && now.isBefore(startedAt.plus(grace));
    }
}
