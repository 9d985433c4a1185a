package io.kafkaorchestrator.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What the platform's injected variables tell about this broker, as pure functions. Control Plane injects
 * {@code HOSTNAME} = {@code {workload}-{ordinal}}, {@code CPLN_WORKLOAD} as a link
 * {@code /org/{org}/gvc/{gvc}/workload/{name}}, and {@code CPLN_LOCATION} / {@code CPLN_GVC} sometimes as links,
 * sometimes as bare names.
 */
public final class Discovery {
    private static final Pattern ORDINAL = Pattern.compile("[0-9]+");
    private static final String WORKLOAD_SEGMENT = "/workload/";

    private Discovery() {}

    /**
     * The broker id is the replica ordinal: the digits after the last "-" of the host name's first label
     * ({@code kafka-2} → 2, {@code my-kafka-12} → 12, {@code kafka-2.kafka.svc} → 2). Empty when there are none
     * or they do not fit an int.
     */
    public static OptionalInt brokerIdFromHostname(String hostname) {
        int dot = hostname.indexOf('.');
        String firstLabel = dot < 0 ? hostname : hostname.substring(0, dot);
        int dash = firstLabel.lastIndexOf('-');
        if (dash < 0) {
            return OptionalInt.empty();
        }
        String digits = firstLabel.substring(dash + 1);
        if (!ORDINAL.matcher(digits).matches()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(digits));
        } catch (NumberFormatException tooLarge) {
            return OptionalInt.empty();
        }
    }

    /**
     * The workload name: the segment after the last {@code /workload/} of a link, or a bare name as it is. Empty when
     * a link has no workload segment.
     */
    public static Optional<String> workloadFromLink(String linkOrName) {
        int at = linkOrName.lastIndexOf(WORKLOAD_SEGMENT);
        if (at < 0) {
            return linkOrName.contains("/") ? Optional.empty() : nonEmpty(linkOrName);
        }
        String rest = linkOrName.substring(at + WORKLOAD_SEGMENT.length());
        int slash = rest.indexOf('/');
        return nonEmpty(slash < 0 ? rest : rest.substring(0, slash));
    }

    /** The text after the last "/" of a link (trailing slashes ignored), or a bare name as it is. */
    public static Optional<String> lastSegment(String linkOrName) {
        String trimmed = linkOrName.replaceAll("/+$", "");
        return nonEmpty(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    /**
     * Replica-direct DNS names of replicas 0..replicaCount-1:
     * {@code replica-{i}.{workload}.{location}.{gvc}.cpln.local}.
     */
    public static List<String> replicaDirectHosts(int replicaCount, String workload, String location, String gvc) {
        return IntStream.range(0, replicaCount)
                .mapToObj(i -> "replica-" + i + "." + workload + "." + location + "." + gvc + ".cpln.local")
                .toList();
    }

    /**
     * Headless-service DNS names of replicas 0..replicaCount-1:
     * {@code {workload}-{i}.{workload}.{gvcAlias}.svc.cluster.local}.
     */
    public static List<String> headlessHosts(int replicaCount, String workload, String gvcAlias) {
        return IntStream.range(0, replicaCount)
                .mapToObj(i -> workload + "-" + i + "." + workload + "." + gvcAlias + ".svc.cluster.local")
                .toList();
    }

    /**
     * The bootstrap list: {@code localhost:{kafkaPort}} first, then each replica host with the Kafka port. The own
     * broker comes first because it is always resolvable: replica DNS names resolve only for ready replicas, so a
     * list of those alone could never bootstrap a cold cluster whose readiness depends on it.
     */
    public static List<String> bootstrapServers(int kafkaPort, List<String> replicaHosts) {
        List<String> servers = new ArrayList<>(replicaHosts.size() + 1);
        servers.add("localhost:" + kafkaPort);
        replicaHosts.forEach(host -> servers.add(host + ":" + kafkaPort));
        return List.copyOf(servers);
    }

    private static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
