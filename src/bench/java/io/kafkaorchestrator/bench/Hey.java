package io.kafkaorchestrator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Load from {@code hey} (Debian package), read from its per-request CSV: latency percentiles and status codes. */
final class Hey {

    record Result(long requests, long non200, double seconds, double p50Ms, double p99Ms, double maxMs) {
        double ratePerSecond() {
            return requests / seconds;
        }
    }

    private Hey() {}

    /** {@code workers} workers, each at {@code ratePerWorker} requests/s (0: as fast as they can) for a duration. */
    static Result forDuration(String url, int workers, int ratePerWorker, int seconds) {
        List<String> args = new ArrayList<>(List.of("-z", seconds + "s", "-c", String.valueOf(workers)));
        if (ratePerWorker > 0) {
            args.addAll(List.of("-q", String.valueOf(ratePerWorker)));
        }
        return run(url, args);
    }

    static Result count(String url, int workers, long requests) {
        return run(url, List.of("-n", String.valueOf(requests), "-c", String.valueOf(workers)));
    }

    private static Result run(String url, List<String> args) {
        List<String> command = new ArrayList<>(List.of("hey", "-o", "csv", "-disable-compression"));
        command.addAll(args);
        command.add(url);
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String csv = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Double> latencies = new ArrayList<>();
            long non200 = 0;
            for (String line : csv.lines().skip(1).toList()) {
                String[] fields = line.split(",");
                if (fields.length < 7) {
                    continue;
                }
                latencies.add(Double.parseDouble(fields[0]) * 1000);
                if (!fields[6].equals("200")) {
                    non200++;
                }
            }
            latencies.sort(Double::compare);
            if (latencies.isEmpty()) {
                throw new IllegalStateException("hey recorded no requests: " + String.join(" ", command));
            }
            return new Result(
                    latencies.size(),
                    non200,
                    seconds,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    latencies.getLast());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run hey (apt-get install hey)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
