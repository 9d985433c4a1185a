package io.kafkaorchestrator.health;

import static io.kafkaorchestrator.health.Snapshots.T0;
import static io.kafkaorchestrator.health.Snapshots.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import io.kafkaorchestrator.testing.LogCapture;
import io.kafkaorchestrator.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthMonitorTest {

    private final ManualClock clock = new ManualClock(T0);
    private final HealthMonitor monitor = new HealthMonitor(
            HealthPolicy.of(0, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10)), clock);

    /** A liveness refresh, then a partition scan that starts as it finishes (as the scanner does at start). */
    private void refresh(Snapshots snapshot) {
        clock.advance(Duration.ofSeconds(5));
        Instant refreshed = clock.instant();
        monitor.accept(snapshot.observedAt(refreshed).build());
        clock.advance(Duration.ofMillis(40));
        monitor.accept(snapshot.scan(refreshed, clock.instant()));
    }

    @Test
    void logsOncePerChangeOfStateNotOncePerRefresh() {
        try (LogCapture log = LogCapture.of(HealthMonitor.class)) {
            refresh(healthy());
            refresh(healthy());
            refresh(healthy().failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms"));
            // Same failing check, other wording: the same state.
            refresh(healthy()
                    .failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms (TimeoutException)"));
            refresh(healthy());

            assertThat(log.lines())
                    .isEqualTo(List.of(
                            "WARNING Broker health changed brokerId=0 live=healthy ready=unhealthy"
                                    + " error=partitions of broker 0 not scanned yet",
                            "INFO Broker health changed brokerId=0 live=healthy ready=healthy",
                            "WARNING Broker health changed brokerId=0 live=unhealthy ready=unhealthy"
                                    + " error=broker 0 did not answer on its listener: no answer within 10000 ms",
                            // Back: the scan from before says nothing about the broker now, until the next one.
                            "WARNING Broker health changed brokerId=0 live=healthy ready=unhealthy error=no partition"
                                    + " scan since broker 0 was last seen down at 2026-11-25T12:00:25.160Z (a new scan"
                                    + " is under way)",
                            "INFO Broker health changed brokerId=0 live=healthy ready=healthy"));
        }
    }

    @Test
    void theStartupGraceEndsWhenTheBrokerIsFirstSeenLive() {
        refresh(healthy().brokers(1, 2));
        assertThat(monitor.live().status()).isEqualTo(Status.STARTING);

        refresh(healthy());
        refresh(healthy().brokers(1, 2));
        assertThat(monitor.live().status()).isEqualTo(Status.UNHEALTHY);
        assertThat(monitor.live().httpStatus()).isEqualTo(503);
    }

    @Test
    void verdictsAgeWithTheClockBetweenRefreshes() {
        refresh(healthy());
        assertThat(monitor.live().ageMs()).hasValue(40L); // the scan after the refresh took 40 ms
        clock.advance(Duration.ofSeconds(21));
        assertThat(monitor.live().httpStatus()).isEqualTo(503);
        assertThat(monitor.live().error())
                .hasValue("cluster state is stale: observed 21040 ms ago, limit 20000 ms"
                        + " (2 x CHECK_INTERVAL + CHECK_TIMEOUT)");
    }

    /** What a scrape reads (all three at once) is what the three endpoints answer at that instant. */
    @ParameterizedTest
    @ValueSource(ints = {0, 21})
    void theVerdictsTogetherAreTheEndpointsVerdicts(int secondsAfterRefresh) {
        refresh(healthy());
        refresh(healthy().partitions(Snapshots.partition("orders", 0, List.of(0, 1, 2), List.of(1, 2), 2)));
        clock.advance(Duration.ofSeconds(secondsAfterRefresh));

        Verdicts verdicts = monitor.verdicts();

        assertThat(verdicts.observation()).isEqualTo(monitor.observation());
        assertThat(verdicts.live()).isEqualTo(monitor.live());
        assertThat(verdicts.ready()).isEqualTo(monitor.ready());
        assertThat(verdicts.restartSafe()).isEqualTo(monitor.restartSafe());
    }
}
