package io.kafkaorchestrator.reliability;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks {@code /health/ready} at a fixed period on a new connection each time, as the platform's prober does, and
 * records how long each answer took. A platform thread, so that virtual threads busy elsewhere in the test JVM do not
 * delay it. An answer that did not come (refused, closed, timed out after 1 s) is recorded as a failure.
 */
final class Prober implements AutoCloseable {

    /** One probe: when it started (ms since the prober started), its status (0 if none) and what went wrong. */
    record Probe(long atMillis, int status, Duration elapsed, String failure) {
        boolean answered() {
            return failure == null;
        }

        @Override
        public String toString() {
            return "+" + atMillis + "ms " + (answered() ? "HTTP " + status : failure) + " in " + elapsed.toMillis()
                    + " ms";
        }
    }

    /** What the prober saw: every probe, and the slowest answer. */
    record Record(List<Probe> probes) {
        Duration slowest() {
            return probes.stream().map(Probe::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
        }

        List<Probe> slowerThan(Duration limit) {
            return probes.stream()
                    .filter(probe -> !probe.answered() || probe.elapsed().compareTo(limit) > 0)
                    .toList();
        }

        @Override
        public String toString() {
            return probes.size() + " probes, slowest " + slowest().toMillis() + " ms";
        }
    }

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] REQUEST =
            RawHttp.get("/health/ready", "Connection: close").getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final Duration period;
    private final List<Probe> probes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private Prober(int port, Duration period) {
        this.port = port;
        this.period = period;
        this.thread = Thread.ofPlatform().name("prober").daemon().unstarted(this::run);
    }

    static Prober start(int port, Duration period) {
        Prober prober = new Prober(port, period);
        prober.thread.start();
        return prober;
    }

    /** Stops probing and returns what was seen. */
    Record stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (probes) {
            return new Record(List.copyOf(probes));
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        long start = System.nanoTime();
        for (long next = start; running; next += period.toNanos()) {
            long now;
            while (running && (now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
            }
            if (!running) {
                return;
            }
            Probe probe = probe(Duration.ofNanos(System.nanoTime() - start).toMillis());
            synchronized (probes) {
                probes.add(probe);
            }
        }
    }

    private Probe probe(long atMillis) {
        long start = System.nanoTime();
        try (Socket socket = RawHttp.connect(port, PROBE_TIMEOUT)) {
            socket.getOutputStream().write(REQUEST);
            RawHttp.Outcome outcome = RawHttp.read(socket.getInputStream());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return outcome.reply() != null
                    ? new Probe(atMillis, outcome.reply().status(), elapsed, null)
                    : new Probe(atMillis, 0, elapsed, outcome.ending());
        } catch (IOException e) {
            return new Probe(atMillis, 0, Duration.ofNanos(System.nanoTime() - start), e.toString());
        }
    }
}
