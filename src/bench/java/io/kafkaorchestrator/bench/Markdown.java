package io.kafkaorchestrator.bench;

/** BENCHMARKS.md as it is written: sections, a note each, tables. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    void header(String load) {
        text.append("# Benchmarks\n\n")
                .append("Written by `make bench` (bench/run.sh → io.kafkaorchestrator.bench.Benchmarks); do not edit "
                        + "by hand. Targets: the product's design budgets (the README's Known limits names the "
                        + "missed ones); the prototype floor is what the throwaway prototype measured. Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared with other work; load average (1, 5, 15 min) at the start: ")
                .append(load)
                .append(".\n");
    }

    void footer(String load) {
        text.append("\nLoad average at the end: ").append(load).append(".\n");
    }

    void section(String title, String note) {
        text.append("\n## ").append(title).append("\n\n").append(note).append("\n");
    }

    void paragraph(String paragraph) {
        text.append("\n").append(paragraph).append("\n");
    }

    void table(String... headings) {
        text.append("\n| ").append(String.join(" | ", headings)).append(" |\n|");
        text.append("---|".repeat(headings.length)).append("\n");
    }

    void row(String... cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
        System.out.println(String.join(" | ", cells));
    }

    String text() {
        return text.toString();
    }
}
