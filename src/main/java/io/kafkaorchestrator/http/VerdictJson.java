package io.kafkaorchestrator.http;

import io.kafkaorchestrator.health.Check;
import io.kafkaorchestrator.health.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of a health endpoint: the seed's fields first, then checks, observedAt and ageMs. */
public final class VerdictJson {

    private VerdictJson() {
    }

    public static Response response(Verdict verdict) {
        return Response.json(verdict.httpStatus(), body(verdict));
    }

    static Map<String, Object> body(Verdict verdict) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", verdict.status().json());
        body.put("brokerId", verdict.brokerId());
        body.putAll(verdict.fields());
        verdict.error().ifPresent(e -> body.put("error", e));
        body.put("checks", verdict.checks().stream().map(VerdictJson::check).toList());
        body.put("observedAt", verdict.observedAt().orElse(null));
        body.put("ageMs", verdict.ageMs().orElse(null));
        return body;
    }

    private static Map<String, Object> check(Check check) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", check.name());
        c.put("pass", check.pass());
        c.put("reason", check.reason());
        c.put("observed", check.observed());
        return c;
    }
}
