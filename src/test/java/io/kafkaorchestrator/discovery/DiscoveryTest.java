package io.kafkaorchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            kafka-0                        | 0
            kafka-2                        | 2
            my-kafka-12                    | 12
            kafka-007                      | 7
            kafka-2.kafka.default.svc      | 2
            kafka-2147483647               | 2147483647
            """)
    void brokerIdIsTheOrdinalAfterTheLastDash(String hostname, int brokerId) {
        assertThat(Discovery.brokerIdFromHostname(hostname)).hasValue(brokerId);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            kafka
            kafka-
            kafka-a1
            kafka-1a
            kafka-+1
            kafka--1x
            kafka-2147483648
            kafka.a-1
            ''
            """)
    void noBrokerIdWithoutAnOrdinal(String hostname) {
        assertThat(Discovery.brokerIdFromHostname(hostname)).isEqualTo(OptionalInt.empty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "EMPTY", textBlock = """
            /org/acme/gvc/prod/workload/kafka             | kafka
            /org/acme/gvc/prod/workload/kafka/            | kafka
            /org/acme/gvc/prod/workload/kafka/version/3   | kafka
            /org/workload/gvc/workload/workload/kafka     | kafka
            kafka                                          | kafka
            /org/acme/gvc/prod                             | EMPTY
            /org/acme/gvc/prod/workload/                   | EMPTY
            ''                                             | EMPTY
            """)
    void workloadIsTheSegmentAfterTheLastWorkloadSegmentOrTheBareName(String link, String workload) {
        assertThat(Discovery.workloadFromLink(link)).isEqualTo(Optional.ofNullable(workload));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "EMPTY", textBlock = """
            /org/acme/location/aws-us-west-2   | aws-us-west-2
            /org/acme/gvc/prod                 | prod
            /org/acme/gvc/prod/                | prod
            aws-us-west-2                      | aws-us-west-2
            /                                  | EMPTY
            ''                                 | EMPTY
            """)
    void locationAndGvcAreTheTextAfterTheLastSlash(String link, String name) {
        assertThat(Discovery.lastSegment(link)).isEqualTo(Optional.ofNullable(name));
    }

    @Test
    void replicaDirectNamesFollowTheOriginalForm() {
        assertThat(Discovery.replicaDirectHosts(3, "kafka", "aws-us-west-2", "prod"))
                .containsExactly(
                        "replica-0.kafka.aws-us-west-2.prod.cpln.local",
                        "replica-1.kafka.aws-us-west-2.prod.cpln.local",
                        "replica-2.kafka.aws-us-west-2.prod.cpln.local");
    }

    @Test
    void headlessNamesUseTheGvcAlias() {
        assertThat(Discovery.headlessHosts(2, "kafka", "k8s1a2b3c"))
                .containsExactly(
                        "kafka-0.kafka.k8s1a2b3c.svc.cluster.local", "kafka-1.kafka.k8s1a2b3c.svc.cluster.local");
    }

    @Test
    void bootstrapListStartsWithTheOwnBrokerOnLocalhost() {
        assertThat(Discovery.bootstrapServers(19092, List.of("a.example", "b.example")))
                .containsExactly("localhost:19092", "a.example:19092", "b.example:19092");
        assertThat(Discovery.bootstrapServers(9092, List.of())).containsExactly("localhost:9092");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            replica-direct | REPLICA_DIRECT
            HEADLESS       | HEADLESS
            Headless       | HEADLESS
            """)
    void bootstrapDnsFormInAnyCase(String value, BootstrapDns form) {
        assertThat(BootstrapDns.fromVariableValue(value)).hasValue(form);
    }
}
