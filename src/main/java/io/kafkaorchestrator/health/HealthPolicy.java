package io.kafkaorchestrator.health;

import java.time.Duration;

/**
 * The settings health decisions depend on.
 *
 * @param staleAfter    a liveness snapshot older than this counts as a failure
 * @param startupGrace  how long liveness passes as "starting" before the broker has been seen healthy once
 * @param checkInterval CHECK_INTERVAL: how often liveness is refreshed, and partition scans start at most
 * @param checkTimeout  CHECK_TIMEOUT: the bound of one refresh, and of each call of a scan
 */
public record HealthPolicy(
        int brokerId, Duration staleAfter, Duration startupGrace, Duration checkInterval, Duration checkTimeout) {

    /**
     * Refreshes run every interval and take at most the timeout: two missed refreshes make a snapshot stale. Sums, not
     * {@code multipliedBy}, which loads BigDecimal at start-up.
     */
    public static HealthPolicy of(int brokerId, Duration checkInterval, Duration checkTimeout, Duration startupGrace) {
        return new HealthPolicy(
                brokerId,
                checkInterval.plus(checkInterval).plus(checkTimeout),
                startupGrace,
                checkInterval,
                checkTimeout);
    }

    /**
     * How old the last partition scan may be. Scans follow each other every {@code CHECK_INTERVAL}, or back to back
     * when a scan takes longer (it is paced to its CPU share): two missed scans, each as long as the last, plus the
     * timeout of a call, make it stale.
     */
    public Duration scanStaleAfter(Duration lastScanDuration) {
        Duration period = lastScanDuration.compareTo(checkInterval) > 0 ? lastScanDuration : checkInterval;
        return period.plus(period).plus(checkTimeout);
    }
}
