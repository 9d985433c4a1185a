package io.kafkaorchestrator;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, handled by the sidecar itself: the first starts a graceful stop and the process then exits 0
 * (the JVM's own handling would exit 143); a second one, while stopping, ends the process at once.
 */
final class ShutdownSignal {

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name;

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal::onSignal);
        }
        return signal;
    }

    private void onSignal(Signal signal) {
        if (received.getCount() == 0) {
            // Someone insists: stop now, as an operator pressing Ctrl-C twice expects.
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        name = "SIG" + signal.getName();
        received.countDown();
    }

    /** Blocks until a signal arrives and names it. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
