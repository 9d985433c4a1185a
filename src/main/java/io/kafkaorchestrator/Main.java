package io.kafkaorchestrator;

import java.util.List;

/**
 * The jar's entry point: serves as the sidecar until SIGTERM or SIGINT, or with {@code --train} runs the short
 * exercise the image build records an AOT cache of. The only place that exits the JVM; nothing calls it.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exitCode = List.of(args).contains("--train")
                ? Training.run(System.out, System.err)
                : Sidecar.run(System.getenv(), System.out, System.err);
        System.exit(exitCode);
    }
}
