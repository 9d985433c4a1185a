package io.kafkaorchestrator.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many CPUs the cgroup CPU controller lets this process use, so that background Kafka work can be paced to a
 * fraction of it. A quota set on any ancestor caps every group below it, and a test may nest the process in a limited
 * group under an unlimited root, so the limit is the smallest over the process's own group and each ancestor up to
 * the mount root. Never throws: a file that is missing or malformed means no limit at that level.
 */
public final class CpuQuota {

    private static final Path PROC_SELF_CGROUP = Path.of("/proc/self/cgroup");

    /** The names systems give the v1 directory the cpu controller is mounted on, most often joint with cpuacct. */
    private static final List<String> V1_MOUNTS = List.of("cpu,cpuacct", "cpu", "cpuacct,cpu");

    /** Signs and other spellings Long.parseLong would take are not what the kernel writes, so they are refused. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private CpuQuota() {}

    /** The CPU limit of this process under the cgroup mount at {@code cgroupRoot}; see the two-argument form. */
    public static OptionalDouble read(Path cgroupRoot) {
        return read(cgroupRoot, PROC_SELF_CGROUP);
    }

    /**
     * The CPU limit, in CPUs, of the process whose cgroup membership {@code procSelfCgroup} lists: the smallest
     * quota/period over its group and every ancestor up to the mount root. Empty when none is set or none can be read.
     */
    public static OptionalDouble read(Path cgroupRoot, Path procSelfCgroup) {
        List<String[]> memberships = memberships(procSelfCgroup);
        // A hybrid host lists a v2 line too, but the cpu controller is then in v1, so a v1 cpu line wins.
        Optional<String> v1Group = memberships.stream()
                .filter(fields -> List.of(fields[1].split(",")).contains("cpu"))
                .map(fields -> fields[2])
                .findFirst();
        if (v1Group.isPresent()) {
            return V1_MOUNTS.stream()
                    .map(cgroupRoot::resolve)
                    .filter(Files::isDirectory)
                    .findFirst()
                    .map(mount -> smallestLimit(mount, v1Group.get(), CpuQuota::v1Limit))
                    .orElseGet(OptionalDouble::empty);
        }
        return memberships.stream()
                .filter(fields -> fields[0].equals("0") && fields[1].isEmpty())
                .findFirst()
                .map(fields -> smallestLimit(cgroupRoot, fields[2], CpuQuota::v2Limit))
                .orElseGet(OptionalDouble::empty);
    }

    /** The lines {@code hierarchy-id:controller,list:/group/path} of /proc/self/cgroup, split into their 3 fields. */
    private static List<String[]> memberships(Path procSelfCgroup) {
        return text(procSelfCgroup).stream()
                .flatMap(String::lines)
                .map(line -> line.split(":", 3))
                .filter(fields -> fields.length == 3 && fields[2].startsWith("/"))
                .toList();
    }

    private static OptionalDouble smallestLimit(Path mount, String groupPath, Function<Path, OptionalDouble> limitIn) {
        return groupAndAncestors(mount, groupPath).stream()
                .map(limitIn)
                .flatMapToDouble(OptionalDouble::stream)
                .min();
    }

    private static List<Path> groupAndAncestors(Path mount, String groupPath) {
        Path group;
        try {
            group = mount.resolve(groupPath.substring(1));
        } catch (InvalidPathException unnameable) { // a NUL byte, which the kernel never writes
            return List.of(mount);
        }
        if (!group.startsWith(mount) || !Files.isDirectory(group)) {
            // Without a cgroup namespace a container is shown its host path, but its mount holds only its own group.
            return List.of(mount);
        }
        return Stream.iterate(group, dir -> dir != null && dir.startsWith(mount), Path::getParent)
                .toList();
    }

    /** cgroup v2 writes quota and period on one line, {@code 5000 100000}, or {@code max 100000} for no limit. */
    private static OptionalDouble v2Limit(Path dir) {
        return text(dir.resolve("cpu.max"))
                .map(text -> text.strip().split("\\s+"))
                .filter(fields -> fields.length == 2)
                .map(fields -> cpus(fields[0], fields[1]))
                .orElseGet(OptionalDouble::empty);
    }

    /** cgroup v1 writes quota and period in two files, with a quota of -1 for no limit. */
    private static OptionalDouble v1Limit(Path dir) {
        Optional<String> quota = text(dir.resolve("cpu.cfs_quota_us"));
        Optional<String> period = text(dir.resolve("cpu.cfs_period_us"));
        return quota.isPresent() && period.isPresent()
                ? cpus(quota.get().strip(), period.get().strip())
                : OptionalDouble.empty();
    }

    /** Quota over period, when both are positive integers: "max", -1 and anything else mean no limit. */
    private static OptionalDouble cpus(String quota, String period) {
        if (!DIGITS.matcher(quota).matches() || !DIGITS.matcher(period).matches()) {
            return OptionalDouble.empty();
        }
        try {
            long quotaMicros = Long.parseLong(quota);
            long periodMicros = Long.parseLong(period);
            return quotaMicros > 0 && periodMicros > 0
                    ? OptionalDouble.of((double) quotaMicros / periodMicros)
                    : OptionalDouble.empty();
        } catch (NumberFormatException beyondALong) {
            return OptionalDouble.empty();
        }
    }

    private static Optional<String> text(Path file) {
        try {
            // Kernel files are ASCII; ISO-8859-1 decodes any byte, so stray bytes read as malformed, not as an error.
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException missingOrUnreadable) {
            return Optional.empty();
        }
    }
}
