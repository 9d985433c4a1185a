package io.kafkaorchestrator.reliability;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small open-loop load generator: a number of keep-alive connections, each sending GETs at its share of the target
 * rate (falling behind when the server is slower, never bursting to catch up) and reading every answer. A connection
 * the server closes is opened again. Pure Java, so CI needs no load tool.
 */
final class LoadGenerator {

    /** What a run achieved. */
    record Result(Duration duration, long answered, long failures, Map<Integer, Long> statuses) {
        double rate() {
            return answered * 1000.0 / Math.max(1, duration.toMillis());
        }

        @Override
        public String toString() {
            return String.format(
                    "%d answers in %.1f s (%.0f/s), %d failures, statuses %s",
                    answered, duration.toMillis() / 1000.0, rate(), failures, statuses);
        }
    }

    private final int port;
    private final String path;
    private final int connections;
    private final AtomicLong answeredSoFar = new AtomicLong();
    private volatile boolean stopped;

    LoadGenerator(int port, String path, int connections) {
        this.port = port;
        this.path = path;
        this.connections = connections;
    }

    /** Answers received so far in the current run. */
    long answeredSoFar() {
        return answeredSoFar.get();
    }

    /** Ends a run early (from another thread). */
    void stop() {
        stopped = true;
    }

    /** Sends at the given total rate for the given time, and waits for the connections to finish. */
    Result run(int requestsPerSecond, Duration duration) throws InterruptedException {
        byte[] request = RawHttp.get(path).getBytes(StandardCharsets.US_ASCII);
        long intervalNanos = 1_000_000_000L * connections / requestsPerSecond;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong failures = new AtomicLong();
        List<Map<Integer, Long>> statuses = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.add(counts);
            // Spread the connections' first requests over one interval.
            long first = start + intervalNanos * i / connections;
            threads.add(Thread.ofPlatform()
                    .name("load-" + i)
                    .start(() -> connection(request, first, intervalNanos, end, counts, failures)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<Integer, Long> total = new TreeMap<>();
        statuses.forEach(counts -> counts.forEach((status, n) -> total.merge(status, n, Long::sum)));
        return new Result(
                took, total.values().stream().mapToLong(Long::longValue).sum(), failures.get(), total);
    }

    private void connection(
            byte[] request,
            long first,
            long intervalNanos,
            long end,
            Map<Integer, Long> statuses,
            AtomicLong failures) {
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        for (long next = first; next < end && !stopped; next += intervalNanos) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
            } else {
                next = now; // behind: go on from here rather than burst
            }
            try {
                if (socket == null) {
                    socket = RawHttp.connect(port, Duration.ofSeconds(5));
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                    out = socket.getOutputStream();
                }
                out.write(request);
                statuses.merge(RawHttp.readReply(in).status(), 1L, Long::sum);
                answeredSoFar.incrementAndGet();
            } catch (IOException e) {
                failures.incrementAndGet();
                close(socket);
                socket = null;
            }
        }
        close(socket);
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }
}
