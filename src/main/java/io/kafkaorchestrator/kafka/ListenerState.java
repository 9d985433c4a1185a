package io.kafkaorchestrator.kafka;

import java.time.Instant;
import java.util.Optional;

/**
 * What the {@link ListenerWatch} last saw of the own broker's listener.
 *
 * @param address       where it connects, e.g. {@code localhost:9092}
 * @param refusedAt     when the current run of refused connections began; empty while connections are accepted
 * @param everAccepted  whether a connection was ever accepted there: a port that never accepted may simply be the
 *                      wrong one (KAFKA_PORT unset while BOOTSTRAP_SERVERS names another), so it proves nothing
 * @param detail        the error of the last refused connection
 */
public record ListenerState(String address, Optional<Instant> refusedAt, boolean everAccepted, String detail) {

    /** Nothing seen yet: proves nothing. */
    public static ListenerState unknown(String address) {
        return new ListenerState(address, Optional.empty(), false, "not checked yet");
    }

    /** True when the broker is certainly not running: its listener accepted before and refuses now. */
    public boolean refusing() {
        return everAccepted && refusedAt.isPresent();
    }
}
