package io.kafkaorchestrator.api;

import io.kafkaorchestrator.health.Check;
import io.kafkaorchestrator.health.PartitionReport;
import io.kafkaorchestrator.health.Verdict;
import io.kafkaorchestrator.health.VerdictFields;
import io.kafkaorchestrator.http.Response;
import io.kafkaorchestrator.kafka.LogDirView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a health endpoint: status and brokerId, the endpoint's own fields (the seed's names, in the seed's
 * order), error, then checks, observedAt and ageMs. Names and order are part of the interface: dashboards, alerts and
 * the operators' scripts read them, so they are written out here one by one rather than derived from the records.
 */
public final class VerdictJson {

    private VerdictJson() {}

    public static Response response(Verdict<?> verdict) {
        return Endpoints.json(verdict.httpStatus(), body(verdict));
    }

    static Map<String, Object> body(Verdict<?> verdict) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", verdict.status().json());
        body.put("brokerId", verdict.brokerId());
        putFields(body, verdict.fields());
        verdict.error().ifPresent(e -> body.put("error", e));
        body.put("checks", verdict.checks().stream().map(VerdictJson::check).toList());
        body.put("observedAt", verdict.observedAt().orElse(null));
        body.put("ageMs", verdict.ageMs().orElse(null));
        return body;
    }

    private static void putFields(Map<String, Object> body, VerdictFields fields) {
        switch (fields) {
            case VerdictFields.Live live -> body.put("brokerFound", live.brokerFound());
            case VerdictFields.Ready ready -> {
                body.put("brokerRegistered", ready.brokerRegistered());
                body.put("controllerElected", ready.controllerElected());
                body.put("underReplicatedPartitions", ready.underReplicatedPartitions());
                body.put("logDirsHealthy", ready.logDirsHealthy());
            }
            case VerdictFields.RestartSafe safe -> {
                body.put("safe", safe.safe());
                body.put(
                        "partitionsAtRisk",
                        safe.partitionsAtRisk().map(VerdictJson::listing).orElse(null));
                body.put(
                        "misconfiguredPartitions",
                        safe.misconfiguredPartitions().map(VerdictJson::listing).orElse(null));
            }
        }
    }

    private static Map<String, Object> check(Check check) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", check.name());
        c.put("pass", check.pass());
        c.put("reason", check.reason());
        c.put("observed", check.observed().map(VerdictJson::observed).orElse(null));
        return c;
    }

    /** A single value as a bare number, boolean or array; anything with parts as an object. */
    private static Object observed(Check.Observed observed) {
        return switch (observed) {
            case Check.Millis age -> age.millis();
            case Check.Count count -> count.count();
            case Check.Node node -> node.id();
            case Check.Answered answered -> answered.answered();
            case Check.Brokers brokers -> brokers.ids();
            case Check.Partitions partitions -> listing(partitions.listing());
            case Check.Scan scan -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("ageMs", scan.ageMs());
                s.put("durationMs", scan.durationMs());
                s.put("topics", scan.topics());
                s.put("partitionsDescribed", scan.partitionsDescribed());
                yield s;
            }
            case Check.InSync inSync -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("hosted", inSync.hosted());
                s.put("outOfSync", listing(inSync.outOfSync()));
                s.put("othersMissing", listing(inSync.othersMissing()));
                s.put("leaderless", listing(inSync.leaderless()));
                yield s;
            }
            case Check.LogDirs logDirs -> byPath(logDirs.dirs());
        };
    }

    /** Each directory under its path; "error" only on an offline one. */
    private static Map<String, Object> byPath(List<LogDirView> dirs) {
        Map<String, Object> byPath = new LinkedHashMap<>();
        for (LogDirView dir : dirs) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("online", dir.online());
            d.put("futureReplicas", dir.futureReplicas());
            dir.error().ifPresent(e -> d.put("error", e));
            byPath.put(dir.path(), d);
        }
        return byPath;
    }

    private static Map<String, Object> listing(PartitionReport.Listing listing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", listing.count());
        m.put("shown", listing.shown());
        return m;
    }
}
