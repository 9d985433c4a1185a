package io.kafkaorchestrator.health;

import java.time.Duration;

/**
 * The settings health decisions depend on.
 *
 * @param staleAfter   a snapshot older than this counts as a failure
 * @param startupGrace how long liveness passes as "starting" before the broker has been seen healthy once
 */
public record HealthPolicy(int brokerId, Duration staleAfter, Duration startupGrace) {

    /**
     * Refreshes run every interval and take at most the timeout: two missed refreshes make a snapshot stale. Sums, not
     * {@code multipliedBy}, which loads BigDecimal at start-up.
     */
    public static HealthPolicy of(int brokerId, Duration checkInterval, Duration checkTimeout, Duration startupGrace) {
        return new HealthPolicy(brokerId, checkInterval.plus(checkInterval).plus(checkTimeout), startupGrace);
    }
}
