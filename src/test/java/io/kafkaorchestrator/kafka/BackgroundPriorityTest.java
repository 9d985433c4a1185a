package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class BackgroundPriorityTest {

    /** Under nice(1) at 10 or more (as a build run beside others may be) there is nothing to lower. */
    @BeforeEach
    void runsBelowTheBackgroundNiceValue() {
        assumeThat(nice(Path.of("/proc/thread-self/stat")))
                .as("the tests' own nice value")
                .isLessThan(BackgroundPriority.NICE);
    }

    @Test
    void lowersTheCallingThreadOnly() throws Exception {
        AtomicInteger lowered = new AtomicInteger(-100);
        Thread thread = Thread.ofPlatform().start(() -> {
            BackgroundPriority.lowerCurrentThread();
            lowered.set(nice(Path.of("/proc/thread-self/stat")));
        });
        thread.join();

        assertThat(lowered.get()).isEqualTo(BackgroundPriority.NICE);
        assertThat(nice(Path.of("/proc/thread-self/stat")))
                .as("the caller of the test")
                .isZero();
    }

    @Test
    void lowersTheThreadsWhoseNameStartsWithThePrefix() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        AtomicLong matchingId = new AtomicLong();
        AtomicLong otherId = new AtomicLong();
        CountDownLatch started = new CountDownLatch(2);
        Thread matching = Thread.ofPlatform().name("bg-priority-test-1").start(() -> idle(matchingId, started, end));
        Thread other = Thread.ofPlatform().name("other-test-thread").start(() -> idle(otherId, started, end));
        started.await();

        BackgroundPriority.lowerThreadsNamed("bg-priority-tes");

        assertThat(nice(Path.of("/proc/self/task/" + matchingId.get() + "/stat")))
                .isEqualTo(BackgroundPriority.NICE);
        assertThat(nice(Path.of("/proc/self/task/" + otherId.get() + "/stat"))).isZero();
        end.countDown();
        matching.join();
        other.join();
    }

    /** Records the kernel's id of the calling thread, then waits. */
    private static void idle(AtomicLong id, CountDownLatch started, CountDownLatch end) {
        try {
            id.set(Long.parseLong(
                    Path.of("/proc/thread-self").toRealPath().getFileName().toString()));
            started.countDown();
            end.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Field 19 of /proc/.../stat, counted after the command name (which may hold spaces). */
    private static int nice(Path stat) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
