package io.kafkaorchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuQuotaTest {

    private static final Offset<Double> EXACT = within(1e-9);

    @TempDir
    Path dir;

    @Test
    void v1NestedGroupLimitsBelowUnlimitedRoot() throws IOException {
        // As a test sets it up: a group made below the shell's own, with nothing limited above it.
        v1Limit("cpu", "-1", "100000");
        v1Limit("cpu/user.slice/session-3.scope", "-1", "100000");
        v1Limit("cpu/user.slice/session-3.scope/kafka-test", "5000", "100000");

        assertThat(read(
                        "12:memory:/user.slice/session-3.scope",
                        "4:cpu,cpuacct:/user.slice/session-3.scope/kafka-test",
                        "1:name=systemd:/user.slice/session-3.scope"))
                .hasValueCloseTo(0.05, EXACT);
    }

    @Test
    void v1ParentLimitIsSmallerThanChild() throws IOException {
        v1Limit("cpu,cpuacct", "-1", "100000");
        v1Limit("cpu,cpuacct/kafka", "50000", "100000");
        // A smaller quota than the parent's, over a shorter period: 0.8 CPU, so the parent's 0.5 is the limit.
        v1Limit("cpu,cpuacct/kafka/broker", "40000", "50000");

        assertThat(read("4:cpu,cpuacct:/kafka/broker")).hasValueCloseTo(0.5, EXACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu,cpuacct", "cpu", "cpuacct,cpu"})
    void v1ControllerIsFoundUnderEachMountName(String mount) throws IOException {
        v1Limit(mount + "/kafka", "150000", "100000");

        assertThat(read("3:cpu,cpuacct:/kafka")).hasValueCloseTo(1.5, EXACT);
    }

    @Test
    void hybridHostReadsTheV1CpuController() throws IOException {
        v1Limit("cpu,cpuacct/user.slice/kafka", "25000", "100000");

        assertThat(read("0::/user.slice/kafka", "4:cpu,cpuacct:/user.slice/kafka"))
                .hasValueCloseTo(0.25, EXACT);
    }

    @Test
    void v2CpuMaxUnlimited() throws IOException {
        write("kubepods/cpu.max", "max 100000");
        write("kubepods/pod1/cpu.max", "max 100000");

        assertThat(read("0::/kubepods/pod1")).isEmpty();
    }

    @Test
    void v2NestedQuota() throws IOException {
        write("kubepods/cpu.max", "max 100000");
        write("kubepods/pod1/cpu.max", "max 100000");
        write("kubepods/pod1/kafka/cpu.max", "5000 100000");

        assertThat(read("0::/kubepods/pod1/kafka")).hasValueCloseTo(0.05, EXACT);
    }

    @Test
    void containerNamespaceReadsRoot() throws IOException {
        write("cpu.max", "150000 100000");

        assertThat(read("0::/")).hasValueCloseTo(1.5, EXACT);
    }

    @Test
    void hostPathAbsentInContainerFallsBackToMountRoot() throws IOException {
        // Docker on v1 without a cgroup namespace: the host's path is listed, the container's group is mounted.
        v1Limit("cpu,cpuacct", "50000", "100000");
        // A docker group of the container's own (docker in docker) is no ancestor of this process.
        v1Limit("cpu,cpuacct/docker", "10000", "100000");

        assertThat(read("4:cpu,cpuacct:/docker/3f2a9c")).hasValueCloseTo(0.5, EXACT);
    }

    @Test
    void unnameableGroupPathFallsBackToMountRoot() throws IOException {
        write("cpu.max", "50000 100000");

        assertThat(read("0::/kafka\0broker")).hasValueCloseTo(0.5, EXACT);
    }

    @Test
    void missingFilesMeanNoLimit() throws IOException {
        Files.createDirectories(cgroupRoot().resolve("cpu,cpuacct/cpu.cfs_quota_us")); // unreadable
        write("cpu,cpuacct/cpu.cfs_period_us", "100000");
        v1Limit("cpu,cpuacct/kafka", "25000", "100000");
        write("cpu,cpuacct/kafka/broker/cpu.cfs_quota_us", "5000"); // no period beside it

        assertThat(read("4:cpu,cpuacct:/kafka/broker")).hasValueCloseTo(0.25, EXACT);
    }

    @ParameterizedTest(name = "quota \"{0}\", period \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            -2                   | 100000
            0                    | 100000
            +5000                | 100000
            5000.0               | 100000
            5000us               | 100000
            0x1388               | 100000
            5000 5000            | 100000
            max                  | 100000
            ''                   | 100000
            99999999999999999999 | 100000
            5000                 | 0
            5000                 | -100000
            5000                 | 100000us
            """)
    void malformedValuesMeanNoLimit(String quota, String period) throws IOException {
        v1Limit("cpu,cpuacct/kafka", "200000", "100000");
        v1Limit("cpu,cpuacct/kafka/broker", quota, period);

        assertThat(read("4:cpu,cpuacct:/kafka/broker")).hasValueCloseTo(2.0, EXACT);
    }

    @ParameterizedTest(name = "cpu.max \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "5000",
                "5000 100000 1",
                "5000,100000",
                "1.5 100000",
                "-5000 100000",
                "0 100000",
                "+5000 100000",
                "5000us 100000",
                "5000 0",
                "5000 -100000",
                "max max"
            })
    void malformedCpuMaxMeansNoLimit(String cpuMax) throws IOException {
        write("kafka/cpu.max", "200000 100000");
        write("kafka/broker/cpu.max", cpuMax);

        assertThat(read("0::/kafka/broker")).hasValueCloseTo(2.0, EXACT);
    }

    @Test
    void noCpuControllerLineIsEmpty() throws IOException {
        v1Limit("cpu,cpuacct/kafka", "50000", "100000");

        assertThat(read("6:cpuset:/kafka", "5:memory:/kafka", "3:cpuacct:/kafka", "1:name=systemd:/kafka"))
                .isEmpty();
    }

    @Test
    void missingProcSelfCgroupIsEmpty() throws IOException {
        write("cpu.max", "50000 100000");

        assertThat(CpuQuota.read(cgroupRoot(), dir.resolve("proc/self/cgroup"))).isEmpty();
    }

    private Path cgroupRoot() {
        return dir.resolve("sys/fs/cgroup");
    }

    private OptionalDouble read(String... procSelfCgroupLines) throws IOException {
        Path procSelfCgroup = dir.resolve("proc/self/cgroup");
        Files.createDirectories(procSelfCgroup.getParent());
        Files.writeString(procSelfCgroup, String.join("\n", procSelfCgroupLines) + "\n");
        return CpuQuota.read(cgroupRoot(), procSelfCgroup);
    }

    private void v1Limit(String group, String quota, String period) throws IOException {
        write(group + "/cpu.cfs_quota_us", quota);
        write(group + "/cpu.cfs_period_us", period);
    }

    /** Writes one line, as the kernel does, into a file under the cgroup root. */
    private void write(String pathUnderRoot, String line) throws IOException {
        Path file = cgroupRoot().resolve(pathUnderRoot);
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n");
    }
}
