package io.kafkaorchestrator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.TopicCollection;

/**
 * What one scan page costs the Admin client's network thread, under the JVM flags it is started with: describes one
 * topic again and again, as the partition scanner does, and prints the network thread's CPU per call. The scanner's
 * pages are whole topics (the Admin API has no smaller unit), so this is the burst a page puts on the CPU quota.
 *
 * <p>Arguments: bootstrap servers, topic, calls. Prints one line, {@code median_ms=… p90_ms=… calls=…}, over the
 * last half of the calls (the first half warms the JIT up, as a sidecar's first minutes do).
 */
public final class DecodeCost {

    private DecodeCost() {}

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", args[0]);
        properties.put("client.id", "decode-cost");
        String topic = args[1];
        int calls = Integer.parseInt(args[2]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get();
            long networkThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("kafka-admin-client-thread"))
                    .findFirst()
                    .orElseThrow()
                    .threadId();
            long[] cpuNanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long before = threads.getThreadCpuTime(networkThread);
                admin.describeTopics(TopicCollection.ofTopicNames(List.of(topic)), new DescribeTopicsOptions())
                        .allTopicNames()
                        .get();
                cpuNanos[i] = threads.getThreadCpuTime(networkThread) - before;
                Thread.sleep(10); // a pause between pages, as the scanner's pacing makes
            }
            long[] warm = Arrays.copyOfRange(cpuNanos, calls / 2, calls);
            Arrays.sort(warm);
            System.out.printf(
                    "median_ms=%.2f p90_ms=%.2f calls=%d%n",
                    warm[warm.length / 2] / 1e6, warm[warm.length * 9 / 10] / 1e6, warm.length);
        }
    }
}
