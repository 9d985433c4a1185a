package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.ListenerState;
import io.kafkaorchestrator.kafka.PartitionScan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the latest observation and the startup state, and answers the three verdicts from them. Fed by the liveness
 * refresher, the partition scanner and the listener watch; read by the HTTP handlers and the metrics. Logs once per
 * change of state, not once per refresh.
 */
public final class HealthMonitor {

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final HealthPolicy policy;
    private final Clock clock;
    private final List<Runnable> brokerBackListeners = new ArrayList<>();
    private volatile Optional<Observation> observation = Optional.empty();
    private volatile StartupState startup;
    // Guarded by this: the parts the observation is made of.
    private ClusterSnapshot snapshot;
    private Optional<PartitionScan> scan = Optional.empty();
    private Optional<PartitionScan> failedScan = Optional.empty();
    private ListenerState listener = ListenerState.unknown("-");
    private Optional<Instant> brokerDownAt = Optional.empty();
    private boolean brokerDown;
    private String loggedState;

    public HealthMonitor(HealthPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.startup = StartupState.startedAt(clock.instant());
    }

    /**
     * Runs when the own broker is seen up again after it was seen down (not registered, or its listener not
     * answering): the partitions scanned before say nothing about it now.
     */
    public synchronized void onBrokerBack(Runnable action) {
        brokerBackListeners.add(action);
    }

    public synchronized void accept(ClusterSnapshot next) {
        boolean brokersChanged = snapshot == null || !snapshot.brokers().equals(next.brokers());
        snapshot = next;
        update(brokersChanged);
    }

    public synchronized void accept(PartitionScan next) {
        if (next.complete()) {
            scan = Optional.of(next);
            failedScan = Optional.empty();
        } else {
            failedScan = Optional.of(next);
        }
        update(next.complete());
    }

    public synchronized void accept(ListenerState next) {
        listener = next;
        update(false);
    }

    private void update(boolean reportChanged) {
        if (snapshot == null) {
            return;
        }
        Optional<PartitionReport> report = reportChanged || observation.isEmpty()
                ? Observation.report(snapshot, scan, policy.brokerId())
                : observation.get().partitions();
        Instant now = clock.instant();
        Optional<Observation> seen =
                Optional.of(new Observation(snapshot, scan, report, failedScan, listener, brokerDownAt));
        Verdict<VerdictFields.Live> live = HealthDecisions.live(seen, startup, policy, now);
        boolean down = seenDown(seen);
        if (down || brokerDown) {
            // While down, and at the moment it is seen back: a scan must have started after this to count.
            brokerDownAt = Optional.of(now);
            seen = Optional.of(new Observation(snapshot, scan, report, failedScan, listener, brokerDownAt));
        }
        observation = seen;
        if (live.status() == Status.HEALTHY) {
            startup = startup.withFirstLiveAt(now);
        }
        if (brokerDown && !down) {
            brokerBackListeners.forEach(Runnable::run);
        }
        brokerDown = down;
        logChange(HealthDecisions.live(seen, startup, policy, now), HealthDecisions.ready(seen, startup, policy, now));
    }

    /**
     * The own broker is seen down: not registered (or fenced), or its listener does not answer; unless the sidecar's
     * own credentials or permissions fail, which leaves the broker unknown rather than down.
     */
    private boolean seenDown(Optional<Observation> seen) {
        int brokerId = policy.brokerId();
        return !(Checks.registered(seen, brokerId).pass()
                        && Checks.listener(seen, brokerId).pass())
                && Checks.sidecarsOwnFailure(seen).isEmpty();
    }

    public Verdict<VerdictFields.Live> live() {
        return HealthDecisions.live(observation, startup, policy, clock.instant());
    }

    public Verdict<VerdictFields.Ready> ready() {
        return HealthDecisions.ready(observation, startup, policy, clock.instant());
    }

    public Verdict<VerdictFields.RestartSafe> restartSafe() {
        return HealthDecisions.restartSafe(observation, startup, policy, clock.instant());
    }

    /** All three verdicts at one instant, liveness decided once (a scrape reads them all). */
    public Verdicts verdicts() {
        Optional<Observation> seen = observation;
        Instant now = clock.instant();
        Verdict<VerdictFields.Live> live = HealthDecisions.live(seen, startup, policy, now);
        return new Verdicts(
                seen,
                live,
                HealthDecisions.ready(live, seen, policy, now),
                HealthDecisions.restartSafe(live, seen, policy, now));
    }

    public Optional<Observation> observation() {
        return observation;
    }

    public HealthPolicy policy() {
        return policy;
    }

    private void logChange(Verdict<?> live, Verdict<?> ready) {
        // The state is the verdicts and which checks fail, not their wording (ages and counts change every refresh).
        String state = live.status() + "/" + ready.status()
                + ready.checks().stream()
                        .filter(c -> !c.pass())
                        .map(Check::name)
                        .toList();
        if (Objects.equals(state, loggedState)) {
            return;
        }
        loggedState = state;
        var event = (ready.passes() ? log.atInfo() : log.atWarn())
                .setMessage("Broker health changed")
                .addKeyValue("brokerId", policy.brokerId())
                .addKeyValue("live", live.status().json())
                .addKeyValue("ready", ready.status().json());
        ready.error().ifPresent(error -> event.addKeyValue("error", error));
        event.log();
    }
}
