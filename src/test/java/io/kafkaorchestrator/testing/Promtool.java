package io.kafkaorchestrator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Runs Prometheus' promtool (Debian package {@code prometheus}) from the PATH. */
public final class Promtool {

    /** What promtool said: its exit code and its stdout and stderr together. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private Promtool() {}

    /**
     * Skips the calling test when promtool is not installed, or fails it when the environment variable CI is set:
     * CI must run these checks, a developer's machine may lack the tool.
     */
    public static void assumeInstalled() {
        if (executable().isPresent()) {
            return;
        }
        String missing =
                "promtool is not on the PATH; install it with 'apt-get install prometheus' (Debian package prometheus)";
        if (System.getenv("CI") != null) {
            fail(missing + " (CI is set, so this check may not be skipped)");
        }
        Assumptions.abort(missing);
    }

    /** {@code promtool check metrics} over a scrape given as Prometheus text exposition. */
    public static Result checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /** {@code promtool check rules FILE}. */
    public static Result checkRules(Path rules) {
        return run("", "check", "rules", rules.toString());
    }

    /** {@code promtool test rules FILE}. */
    public static Result testRules(Path tests) {
        return run("", "test", "rules", tests.toString());
    }

    private static Result run(String stdin, String... arguments) {
        Path promtool = executable().orElseThrow(() -> new IllegalStateException("promtool is not on the PATH"));
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
