package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the latest observation and the startup state, and answers the three verdicts from them. Fed by the snapshot
 * refresher; read by the HTTP handlers and the metrics. Logs once per change of state, not once per refresh.
 */
public final class HealthMonitor implements Consumer<ClusterSnapshot> {

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final HealthPolicy policy;
    private final Clock clock;
    private volatile Optional<Observation> observation = Optional.empty();
    private volatile StartupState startup;
    private String loggedState;

    public HealthMonitor(HealthPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.startup = StartupState.startedAt(clock.instant());
    }

    @Override
    public synchronized void accept(ClusterSnapshot snapshot) {
        observation = Optional.of(Observation.of(snapshot, policy.brokerId()));
        Instant now = clock.instant();
        Verdict live = HealthDecisions.live(observation, startup, policy, now);
        if (live.status() == Status.HEALTHY) {
            startup = startup.withFirstLiveAt(now);
        }
        logChange(live, HealthDecisions.ready(observation, startup, policy, now));
    }

    public Verdict live() {
        return HealthDecisions.live(observation, startup, policy, clock.instant());
    }

    public Verdict ready() {
        return HealthDecisions.ready(observation, startup, policy, clock.instant());
    }

    public Verdict restartSafe() {
        return HealthDecisions.restartSafe(observation, startup, policy, clock.instant());
    }

    /** All three verdicts at one instant, liveness decided once (a scrape reads them all). */
    public Verdicts verdicts() {
        Optional<Observation> seen = observation;
        Instant now = clock.instant();
        Verdict live = HealthDecisions.live(seen, startup, policy, now);
        return new Verdicts(seen, live, HealthDecisions.ready(live, seen, policy, now),
                HealthDecisions.restartSafe(live, seen, policy, now));
    }

    public Optional<Observation> observation() {
        return observation;
    }

    public HealthPolicy policy() {
        return policy;
    }

    private void logChange(Verdict live, Verdict ready) {
        // The state is the verdicts and which checks fail, not their wording (ages and counts change every refresh).
        String state = live.status() + "/" + ready.status() + ready.checks().stream()
                .filter(c -> !c.pass()).map(Check::name).toList();
        if (Objects.equals(state, loggedState)) {
            return;
        }
        loggedState = state;
        String summary = "live " + live.status().json() + ", ready " + ready.status().json()
                + ready.error().map(e -> ": " + e).orElse("");
        if (ready.passes()) {
            log.info("Broker {} is {}", policy.brokerId(), summary);
        } else {
            log.warn("Broker {} is {}", policy.brokerId(), summary);
        }
    }
}
