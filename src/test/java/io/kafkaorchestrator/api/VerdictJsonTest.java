package io.kafkaorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.health.Check;
import io.kafkaorchestrator.health.PartitionReport.Listing;
import io.kafkaorchestrator.health.Status;
import io.kafkaorchestrator.health.Verdict;
import io.kafkaorchestrator.health.VerdictFields;
import io.kafkaorchestrator.http.Response;
import io.kafkaorchestrator.kafka.LogDirView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VerdictJsonTest {

    @Test
    void livenessBodyKeepsTheSeedFieldsFirstThenChecksAndFreshness() {
        var verdict = new Verdict<>(
                Status.UNHEALTHY,
                503,
                2,
                new VerdictFields.Live(false),
                Optional.of("broker 2 is not in the cluster's broker list [0, 1]"),
                List.of(
                        new Check("snapshot", true, "cluster state observed 1200 ms ago", new Check.Millis(1200L)),
                        new Check(
                                "registered",
                                false,
                                "broker 2 is not in the cluster's broker list [0, 1]",
                                new Check.Brokers(List.of(0, 1)))),
                Optional.of(Instant.parse("2026-11-25T12:00:00Z")),
                Optional.of(1200L));

        Response response = VerdictJson.response(verdict);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("""
                {"status":"unhealthy","brokerId":2,"brokerFound":false,\
                "error":"broker 2 is not in the cluster's broker list [0, 1]",\
                "checks":[{"name":"snapshot","pass":true,"reason":"cluster state observed 1200 ms ago",\
                "observed":1200},{"name":"registered","pass":false,\
                "reason":"broker 2 is not in the cluster's broker list [0, 1]","observed":[0,1]}],\
                "observedAt":"2026-11-25T12:00:00Z","ageMs":1200}""");
    }

    @Test
    void passingBodyHasNoErrorAndNullFreshnessBeforeTheFirstRefresh() {
        var verdict = new Verdict<>(
                Status.HEALTHY,
                200,
                0,
                new VerdictFields.Ready(true, true, 0, true),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());

        assertThat(new String(VerdictJson.response(verdict).body(), StandardCharsets.UTF_8))
                .isEqualTo("""
                {"status":"healthy","brokerId":0,"brokerRegistered":true,"controllerElected":true,\
                "underReplicatedPartitions":0,"logDirsHealthy":true,"checks":[],"observedAt":null,"ageMs":null}""");
    }

    @Test
    void everyKindOfObservedValueKeepsItsJsonShape() {
        Listing none = new Listing(0, List.of());
        Listing atRisk = new Listing(
                1, List.of("orders-0: ISR [0, 1], min.insync.replicas 2: would fall below min.insync.replicas"));
        var verdict = new Verdict<>(
                Status.UNSAFE,
                409,
                0,
                new VerdictFields.RestartSafe(false, Optional.of(atRisk), Optional.of(none)),
                Optional.of("1 partitions would be hurt by stopping broker 0"),
                List.of(
                        new Check("listener", true, "answered", new Check.Answered(true)),
                        new Check("controller", true, "leader", new Check.Node(3000)),
                        new Check("scan", true, "scanned", new Check.Scan(412, 40, 2, 6)),
                        new Check(
                                "inSync",
                                true,
                                "in sync",
                                new Check.InSync(2, none, new Listing(1, List.of("orders-1")), none)),
                        new Check(
                                "logDirs",
                                false,
                                "offline",
                                new Check.LogDirs(List.of(
                                        new LogDirView(
                                                "/a", Optional.empty(), OptionalLong.of(10), OptionalLong.of(5), 1),
                                        new LogDirView(
                                                "/b",
                                                Optional.of("KafkaStorageException: disk failed"),
                                                OptionalLong.empty(),
                                                OptionalLong.empty(),
                                                0)))),
                        new Check("complete", true, "complete", new Check.Count(0)),
                        new Check("minInSyncReplicasKnown", true, "known", new Check.Partitions(none)),
                        new Check("partitionsAtRisk", false, "at risk", new Check.Count(1))),
                Optional.of(Instant.parse("2026-11-25T12:00:00Z")),
                Optional.of(412L));

        assertThat(new String(VerdictJson.response(verdict).body(), StandardCharsets.UTF_8))
                .isEqualTo("""
                {"status":"unsafe","brokerId":0,"safe":false,"partitionsAtRisk":{"count":1,"shown":\
                ["orders-0: ISR [0, 1], min.insync.replicas 2: would fall below min.insync.replicas"]},\
                "misconfiguredPartitions":{"count":0,"shown":[]},\
                "error":"1 partitions would be hurt by stopping broker 0","checks":[\
                {"name":"listener","pass":true,"reason":"answered","observed":true},\
                {"name":"controller","pass":true,"reason":"leader","observed":3000},\
                {"name":"scan","pass":true,"reason":"scanned",\
                "observed":{"ageMs":412,"durationMs":40,"topics":2,"partitionsDescribed":6}},\
                {"name":"inSync","pass":true,"reason":"in sync",\
                "observed":{"hosted":2,"outOfSync":{"count":0,"shown":[]},\
                "othersMissing":{"count":1,"shown":["orders-1"]},"leaderless":{"count":0,"shown":[]}}},\
                {"name":"logDirs","pass":false,"reason":"offline","observed":{"/a":{"online":true,"futureReplicas":1},\
                "/b":{"online":false,"futureReplicas":0,"error":"KafkaStorageException: disk failed"}}},\
                {"name":"complete","pass":true,"reason":"complete","observed":0},\
                {"name":"minInSyncReplicasKnown","pass":true,"reason":"known","observed":{"count":0,"shown":[]}},\
                {"name":"partitionsAtRisk","pass":false,"reason":"at risk","observed":1}],\
                "observedAt":"2026-11-25T12:00:00Z","ageMs":412}""");
    }

    @Test
    void whatWasNotObservedIsNull() {
        var verdict = new Verdict<>(
                Status.UNKNOWN,
                503,
                1,
                new VerdictFields.RestartSafe(false, Optional.empty(), Optional.empty()),
                Optional.of("cannot tell: no refresh has completed yet"),
                List.of(new Check("complete", false, "no refresh has completed yet")),
                Optional.empty(),
                Optional.empty());

        assertThat(new String(VerdictJson.response(verdict).body(), StandardCharsets.UTF_8))
                .isEqualTo("""
                {"status":"unknown","brokerId":1,"safe":false,"partitionsAtRisk":null,"misconfiguredPartitions":null,\
                "error":"cannot tell: no refresh has completed yet",\
                "checks":[{"name":"complete","pass":false,"reason":"no refresh has completed yet","observed":null}],\
                "observedAt":null,"ageMs":null}""");
    }
}
