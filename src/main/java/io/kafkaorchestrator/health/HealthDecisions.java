package io.kafkaorchestrator.health;

import io.kafkaorchestrator.health.VerdictFields.Live;
import io.kafkaorchestrator.health.VerdictFields.Ready;
import io.kafkaorchestrator.health.VerdictFields.RestartSafe;
import io.kafkaorchestrator.kafka.RefreshFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three verdicts, as pure functions of (observation, startup state, policy, now). The README's "Health semantics"
 * states the rules; HealthDecisionsTest holds them as decision tables.
 */
public final class HealthDecisions {

    private HealthDecisions() {}

    /**
     * Liveness: restart only when a restart can help. Passes when the broker is registered, answers on its listener and
     * the state is fresh; passes as "unknown" when the sidecar's own credentials or permissions fail; passes as
     * "starting" during the startup grace; passes as "fenced" when it is registered but fenced and otherwise fine;
     * fails otherwise.
     */
    public static Verdict<Live> live(
            Optional<Observation> observation, StartupState startup, HealthPolicy policy, Instant now) {
        Check fresh = Checks.fresh(observation, policy, now);
        Check registered = Checks.registered(observation, policy.brokerId());
        Check listener = Checks.listener(observation, policy.brokerId());
        List<Check> checks = List.of(fresh, registered, listener);
        Live fields = new Live(registered.pass());

        var own = Checks.sidecarsOwnFailure(observation);
        if (fresh.pass() && own.isPresent()) {
            return Verdict.of(
                    Status.UNKNOWN,
                    200,
                    policy,
                    fields,
                    Optional.of(ownTroubleMessage(own.get().message())),
                    checks,
                    observation,
                    now);
        }
        if (checks.stream().allMatch(Check::pass)) {
            return Verdict.of(Status.HEALTHY, 200, policy, fields, Optional.empty(), checks, observation, now);
        }
        Optional<String> failing = Checks.firstFailing(checks);
        if (startup.inGrace(now, policy.startupGrace())) {
            return Verdict.of(
                    Status.STARTING,
                    200,
                    policy,
                    fields,
                    failing.map(f -> "starting (startup grace of "
                            + policy.startupGrace().toSeconds() + " s): " + f),
                    checks,
                    observation,
                    now);
        }
        // Fenced is not gone: the controller knows the broker and unfences it once it has caught up with the metadata
        // log or reaches the controller again, and a restart would only redo its log recovery first. So a fenced
        // broker fails liveness only for what fails any other: a stale state, or a listener that does not answer.
        boolean fenced = Checks.fenced(observation.map(Observation::snapshot), policy.brokerId());
        Optional<String> down = fenced ? Checks.firstFailing(List.of(fresh, listener)) : failing;
        if (down.isEmpty()) {
            return Verdict.of(
                    Status.FENCED, 200, policy, fields, Optional.of(registered.reason()), checks, observation, now);
        }
        return Verdict.of(Status.UNHEALTHY, 503, policy, fields, down, checks, observation, now);
    }

    /**
     * Readiness: this broker can serve clients now. Node-local: another broker's trouble never fails it.
     * Live (and past the startup grace), a controller elected, in the ISR of every partition it replicates, log dirs
     * online with no replica moves.
     */
    public static Verdict<Ready> ready(
            Optional<Observation> observation, StartupState startup, HealthPolicy policy, Instant now) {
        return ready(live(observation, startup, policy, now), observation, policy, now);
    }

    /** Readiness given the liveness verdict made from the same observation at the same instant. */
    static Verdict<Ready> ready(
            Verdict<Live> live, Optional<Observation> observation, HealthPolicy policy, Instant now) {
        Check controller = Checks.controller(observation);
        Check scan = Checks.scan(observation, policy, now);
        Check inSync = Checks.inSync(observation, policy.brokerId(), scan);
        Check logDirs = Checks.logDirs(observation);
        List<Check> checks = new ArrayList<>(live.checks());
        checks.addAll(List.of(controller, scan, inSync, logDirs));

        int outOfSync = scan.pass()
                ? observation
                        .flatMap(Observation::partitions)
                        .map(r -> r.outOfSync().count())
                        .orElse(0)
                : 0;
        Ready fields = new Ready(live.fields().brokerFound(), controller.pass(), outOfSync, logDirs.pass());

        Optional<String> error = switch (live.status()) {
            case HEALTHY -> Checks.firstFailing(checks);
            case STARTING -> live.error().map(e -> "broker is " + e);
            default -> live.error();
        };
        boolean ready = live.status() == Status.HEALTHY && error.isEmpty();
        return Verdict.of(
                ready ? Status.HEALTHY : Status.UNHEALTHY,
                ready ? 200 : 503,
                policy,
                fields,
                error,
                checks,
                observation,
                now);
    }

    /**
     * Restart-safety: would stopping this broker now hurt? 200 safe, 409 unsafe, 503 unknown: missing, stale or
     * partial data fails closed.
     */
    public static Verdict<RestartSafe> restartSafe(
            Optional<Observation> observation, StartupState startup, HealthPolicy policy, Instant now) {
        return restartSafe(live(observation, startup, policy, now), observation, policy, now);
    }

    /** Restart-safety given the liveness verdict made from the same observation at the same instant. */
    static Verdict<RestartSafe> restartSafe(
            Verdict<Live> live, Optional<Observation> observation, HealthPolicy policy, Instant now) {
        Check complete = complete(observation);
        Check controller = Checks.controller(observation);
        Check scan = Checks.scan(observation, policy, now);
        Optional<PartitionReport> report =
                observation.flatMap(Observation::partitions).filter(r -> scan.pass());
        Check minIsrKnown = new Check(
                "minInSyncReplicasKnown",
                report.isPresent() && report.get().minIsrUnknown().isEmpty(),
                report.map(r -> r.minIsrUnknown().isEmpty()
                                ? "min.insync.replicas known for all " + r.hosted() + " partitions"
                                : "min.insync.replicas unknown for "
                                        + r.minIsrUnknown().count() + " partitions")
                        .orElse("partitions unknown"),
                report.map(r -> new Check.Partitions(r.minIsrUnknown())));

        List<Check> prerequisites = new ArrayList<>(live.checks());
        prerequisites.addAll(List.of(complete, controller, scan, minIsrKnown));
        Optional<PartitionReport.Listing> atRiskListing = report.map(PartitionReport::atRisk);
        Optional<PartitionReport.Listing> misconfigured = report.map(PartitionReport::misconfigured);

        Optional<String> unknown = switch (live.status()) {
            case HEALTHY -> Checks.firstFailing(prerequisites);
            case UNKNOWN, FENCED -> live.error();
            default ->
                Optional.of("broker " + policy.brokerId() + " is not live: "
                        + live.error().orElseThrow());
        };
        if (unknown.isPresent()) {
            return Verdict.of(
                    Status.UNKNOWN,
                    503,
                    policy,
                    new RestartSafe(false, atRiskListing, misconfigured),
                    unknown.map(u -> "cannot tell: " + u),
                    prerequisites,
                    observation,
                    now);
        }
        PartitionReport r = report.orElseThrow();
        Check atRisk = new Check(
                "partitionsAtRisk",
                r.atRisk().isEmpty(),
                r.atRisk().isEmpty()
                        ? "stopping broker " + policy.brokerId() + " takes none of its " + r.hosted()
                                + " partitions offline or below min.insync.replicas"
                        : r.atRisk().count() + " partitions would be hurt by stopping broker " + policy.brokerId()
                                + ", first: " + r.atRisk().shown().getFirst(),
                new Check.Count(r.atRisk().count()));
        List<Check> checks = new ArrayList<>(prerequisites);
        checks.add(atRisk);
        RestartSafe fields = new RestartSafe(atRisk.pass(), atRiskListing, misconfigured);
        return atRisk.pass()
                ? Verdict.of(Status.SAFE, 200, policy, fields, Optional.empty(), checks, observation, now)
                : Verdict.of(
                        Status.UNSAFE, 409, policy, fields, Optional.of(atRisk.reason()), checks, observation, now);
    }

    /**
     * Every call of the last refresh and of the last scan answered, and no newer scan failed. Calls no verdict depends
     * on (the finalized features) do not count.
     */
    private static Check complete(Optional<Observation> observation) {
        if (observation.isEmpty()) {
            return new Check("complete", false, "no refresh has completed yet");
        }
        Observation o = observation.get();
        List<RefreshFailure> scanFailures = new ArrayList<>();
        o.scan().ifPresent(scan -> scanFailures.addAll(scan.failures()));
        o.failedScan().ifPresent(scan -> scanFailures.addAll(scan.failures()));
        List<RefreshFailure> refreshFailures =
                o.snapshot().failures().stream().filter(f -> f.call().decides()).toList();
        int count = refreshFailures.size() + scanFailures.size();
        if (count == 0) {
            return new Check(
                    "complete", true, "every call of the last refresh and partition scan answered", new Check.Count(0));
        }
        RefreshFailure first = refreshFailures.isEmpty() ? scanFailures.getFirst() : refreshFailures.getFirst();
        String reason = first.kind().sidecarsOwn()
                ? ownTroubleMessage(first.message())
                : (refreshFailures.isEmpty()
                                ? "the last partition scan is incomplete: "
                                : "the last refresh is incomplete: ")
                        + first.message();
        return new Check("complete", false, reason, new Check.Count(count));
    }

    private static String ownTroubleMessage(String failure) {
        return "the sidecar cannot check the broker with its own credentials or permissions (not the broker's fault;"
                + " fix the sidecar's SASL/TLS settings or ACLs): " + failure;
    }
}
