package io.kafkaorchestrator.testing;

import java.io.IOException;

/**
 * The main class of a {@link BrokerProcessCluster} node: {@code kafka.Kafka}, which also halts when the test JVM
 * that started it is gone. Its stdin is a pipe from that JVM, which closes when the JVM ends in any way, SIGKILL
 * included (where shutdown hooks do not run), so no broker outlives a crashed test run.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) {
        Thread orphanGuard = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // nothing is ever sent; only the end of the stream matters
                        }
                    } catch (IOException e) {
                        // the pipe broke: the parent is gone as well
                    }
                    Runtime.getRuntime().halt(1);
                },
                "orphan-guard");
        orphanGuard.setDaemon(true);
        orphanGuard.start();
        kafka.Kafka.main(args);
    }
}
