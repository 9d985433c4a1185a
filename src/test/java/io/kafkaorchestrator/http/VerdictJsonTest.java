package io.kafkaorchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.health.Check;
import io.kafkaorchestrator.health.Status;
import io.kafkaorchestrator.health.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictJsonTest {

    @Test
    void livenessBodyKeepsTheSeedFieldsFirstThenChecksAndFreshness() {
        Verdict verdict = new Verdict(Status.UNHEALTHY, 503, 2, Map.of("brokerFound", false),
                Optional.of("broker 2 is not in the cluster's broker list [0, 1]"),
                List.of(new Check("snapshot", true, "cluster state observed 1200 ms ago", 1200L),
                        new Check("registered", false, "broker 2 is not in the cluster's broker list [0, 1]", List.of(0, 1))),
                Optional.of(Instant.parse("2026-11-25T12:00:00Z")), Optional.of(1200L));

        Response response = VerdictJson.response(verdict);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("""
                {"status":"unhealthy","brokerId":2,"brokerFound":false,\
                "error":"broker 2 is not in the cluster's broker list [0, 1]",\
                "checks":[{"name":"snapshot","pass":true,"reason":"cluster state observed 1200 ms ago","observed":1200},\
                {"name":"registered","pass":false,"reason":"broker 2 is not in the cluster's broker list [0, 1]","observed":[0,1]}],\
                "observedAt":"2026-11-25T12:00:00Z","ageMs":1200}""");
    }

    @Test
    void passingBodyHasNoErrorAndNullFreshnessBeforeTheFirstRefresh() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("brokerRegistered", true);
        fields.put("controllerElected", true);
        fields.put("underReplicatedPartitions", 0);
        fields.put("logDirsHealthy", true);
        Verdict verdict = new Verdict(Status.HEALTHY, 200, 0, fields, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty());

        assertThat(new String(VerdictJson.response(verdict).body(), StandardCharsets.UTF_8)).isEqualTo("""
                {"status":"healthy","brokerId":0,"brokerRegistered":true,"controllerElected":true,\
                "underReplicatedPartitions":0,"logDirsHealthy":true,"checks":[],"observedAt":null,"ageMs":null}""");
    }
}
