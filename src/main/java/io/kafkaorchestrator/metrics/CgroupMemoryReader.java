package io.kafkaorchestrator.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the memory figures of the cgroup mounted at a root directory, cgroup v2 or v1, detected on every read.
 * Never throws: a missing or malformed file leaves its figures empty and logs one warning per distinct problem for
 * the life of this reader, not one per read.
 */
public final class CgroupMemoryReader {

    public static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");

    /**
     * v1 writes "no limit" as the largest page-aligned value below 2^63 (9223372036854771712 with 4 KiB pages, a bit
     * lower with larger pages). No machine has 4 EiB, so any limit from 2^62 up means unlimited.
     */
    static final long V1_UNLIMITED_FROM = 1L << 62;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Logger log = LoggerFactory.getLogger(CgroupMemoryReader.class);
    private static final String FIGURE_LEFT_OUT = "that figure is left out of the memory metrics";
    private static final String FIGURES_LEFT_OUT = "the figures it holds are left out of the memory metrics";

    private final Path root;
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();

    public CgroupMemoryReader(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /** Reads the cgroup's files now. */
    public CgroupMemory read() {
        if (Files.exists(root.resolve("cgroup.controllers")) || Files.exists(root.resolve("memory.current"))) {
            return readV2(root);
        }
        // A v1 mount holds one directory per controller; CGROUP_ROOT may also name the memory controller's own one.
        if (Files.isDirectory(root.resolve("memory"))) {
            return readV1(root.resolve("memory"));
        }
        if (Files.exists(root.resolve("memory.usage_in_bytes"))) {
            return readV1(root);
        }
        warnOnce(
                root + "|no-cgroup",
                "Found no cgroup memory files under {} (neither v2 memory.current nor v1 memory.usage_in_bytes,"
                        + " nor a v1 memory/ directory); memory metrics are left out. Set CGROUP_ROOT to a cgroup"
                        + " mount.",
                root);
        return CgroupMemory.NONE;
    }

    private CgroupMemory readV2(Path dir) {
        Path stat = dir.resolve("memory.stat");
        Optional<String> statText = content(stat);
        Path events = dir.resolve("memory.events");
        Path pressure = dir.resolve("memory.pressure");
        Optional<String> pressureText = content(pressure);
        return new CgroupMemory(
                Optional.of(CgroupVersion.V2),
                singleNumber(dir.resolve("memory.current")),
                v2Limit(dir.resolve("memory.max")),
                keyedNumber(stat, statText, "anon"),
                keyedNumber(stat, statText, "inactive_file"),
                keyedNumber(events, content(events), "oom_kill"),
                pressureTotal(pressure, pressureText, "some"),
                pressureTotal(pressure, pressureText, "full"));
    }

    private CgroupMemory readV1(Path dir) {
        // usage_in_bytes is hierarchical: it counts this cgroup and every cgroup below it. The plain rss and
        // inactive_file keys count only pages charged to this cgroup itself, so with processes in child cgroups
        // (a nested runtime, systemd inside the container) working set = usage - inactive_file would come out too
        // high. The total_* keys have the same hierarchical scope as usage; kubelet and cAdvisor read them too.
        Path stat = dir.resolve("memory.stat");
        Optional<String> statText = content(stat);
        Path oomControl = dir.resolve("memory.oom_control");
        return new CgroupMemory(
                Optional.of(CgroupVersion.V1),
                singleNumber(dir.resolve("memory.usage_in_bytes")),
                v1Limit(dir.resolve("memory.limit_in_bytes")),
                keyedNumber(stat, statText, "total_rss"),
                keyedNumber(stat, statText, "total_inactive_file"),
                keyedNumber(oomControl, content(oomControl), "oom_kill"),
                OptionalLong.empty(),
                OptionalLong.empty());
    }

    private Optional<MemoryLimit> v2Limit(Path file) {
        Optional<String> text = content(file);
        if (text.isPresent() && text.get().strip().equals("max")) {
            return Optional.of(MemoryLimit.UNLIMITED);
        }
        return limitOf(number(file, "the limit", text));
    }

    private Optional<MemoryLimit> v1Limit(Path file) {
        OptionalLong bytes = singleNumber(file);
        if (bytes.isPresent() && bytes.getAsLong() >= V1_UNLIMITED_FROM) {
            return Optional.of(MemoryLimit.UNLIMITED);
        }
        return limitOf(bytes);
    }

    private static Optional<MemoryLimit> limitOf(OptionalLong bytes) {
        return bytes.isPresent() ? Optional.of(new MemoryLimit.Limited(bytes.getAsLong())) : Optional.empty();
    }

    private OptionalLong singleNumber(Path file) {
        return number(file, "its value", content(file));
    }

    /** A line {@code key value} of a flat keyed file such as memory.stat or memory.events. */
    private OptionalLong keyedNumber(Path file, Optional<String> text, String key) {
        Optional<String[]> tokens = line(file, text, key);
        return tokens.isEmpty()
                ? OptionalLong.empty()
                : number(
                        file,
                        "'" + key + "'",
                        String.join(" ", Arrays.copyOfRange(tokens.get(), 1, tokens.get().length)));
    }

    /** The {@code total=} microseconds of a PSI line such as {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=0}. */
    private OptionalLong pressureTotal(Path file, Optional<String> text, String kind) {
        Optional<String[]> tokens = line(file, text, kind);
        if (tokens.isEmpty()) {
            return OptionalLong.empty();
        }
        String total = Arrays.stream(tokens.get())
                .filter(token -> token.startsWith("total="))
                .map(token -> token.substring("total=".length()))
                .findFirst()
                .orElse(String.join(" ", tokens.get()));
        return number(file, "'" + kind + " total'", total);
    }

    private Optional<String[]> line(Path file, Optional<String> text, String key) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<String[]> found = lineOf(text.get(), key);
        if (found.isEmpty()) {
            warnOnce(file + "|no-line|" + key, "Cgroup file {} has no '{}' line; {}", file, key, FIGURE_LEFT_OUT);
        }
        return found;
    }

    /**
     * The whitespace-separated tokens of the first line whose first token is the key. Splits only that line:
     * memory.stat has dozens of lines and is read on every scrape.
     */
    static Optional<String[]> lineOf(String text, String key) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int first = start;
            while (first < end && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            if (text.startsWith(key, first)) {
                String[] tokens = WHITESPACE.split(text.substring(first, end).strip());
                if (tokens[0].equals(key)) {
                    return Optional.of(tokens);
                }
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private OptionalLong number(Path file, String what, Optional<String> text) {
        return text.isEmpty()
                ? OptionalLong.empty()
                : number(file, what, text.get().strip());
    }

    private OptionalLong number(Path file, String what, String text) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as a negative value is
        }
        warnOnce(
                file + "|malformed|" + what,
                "Cgroup file {} holds '{}' as {}, not a non-negative integer; {}",
                file,
                excerpt(text),
                what,
                FIGURE_LEFT_OUT);
        return OptionalLong.empty();
    }

    private Optional<String> content(Path file) {
        try {
            return Optional.of(SmallFile.read(file));
        } catch (NoSuchFileException missing) {
            warnOnce(file + "|missing", "Cgroup file {} is missing; {}", file, FIGURES_LEFT_OUT);
        } catch (IOException | RuntimeException unreadable) {
            warnOnce(file + "|unreadable", "Cannot read cgroup file {} ({}); {}", file, unreadable, FIGURES_LEFT_OUT);
        }
        return Optional.empty();
    }

    private static String excerpt(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }

    private void warnOnce(String problem, String format, Object... args) {
        if (reportedProblems.add(problem)) {
            log.warn(format, args);
        }
    }
}
