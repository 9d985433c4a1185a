package io.kafkaorchestrator.kafka;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority (raises the nice value) of the threads that read Kafka and compile code, so that
 * within the container's CPU quota the threads that answer probes run first. When the quota is spent, every thread
 * waits for the next CFS period alike; what follows decides how long a probe waits: at nice 0 against nice
 * {@value #NICE} it gets the CPU as soon as it is runnable instead of sharing it with a page of partitions being
 * decoded. Linux only, through {@code setpriority(2)}: raising one's own nice value needs no privilege. Where the call
 * is missing or refused, or native access is not enabled, nothing changes but this optimisation.
 */
public final class BackgroundPriority {

    /** The nice value of background threads: the lowest priority short of 19, whose weight is tiny. */
    static final int NICE = 10;
    /** {@code which} for setpriority: on Linux, {@code who} is then a thread id (0: the calling thread). */
    private static final int PRIO_PROCESS = 0;

    private static final Path OWN_TASKS = Path.of("/proc/self/task");
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final Optional<MethodHandle> SETPRIORITY = lookUp();

    private BackgroundPriority() {}

    /** Lowers the calling thread. */
    public static void lowerCurrentThread() {
        setPriority(0, "the current thread");
    }

    /**
     * Lowers every thread of this process whose name starts with {@code prefix}, as the kernel knows it (the first 15
     * characters of a Java thread's name): for threads made by libraries and by the JVM.
     */
    public static void lowerThreadsNamed(String prefix) {
        if (SETPRIORITY.isEmpty()) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(OWN_TASKS)) {
            for (Path task : tasks) {
                String name = readName(task);
                if (name.startsWith(prefix)) {
                    setPriority(Integer.parseInt(task.getFileName().toString()), name);
                }
            }
        } catch (IOException e) {
            log.debug("Cannot list this process's threads in {}: {}", OWN_TASKS, e.toString());
        }
    }

    private static String readName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }

    private static void setPriority(int threadId, String name) {
        SETPRIORITY.ifPresent(setpriority -> {
            try {
                int result = (int) setpriority.invokeExact(PRIO_PROCESS, threadId, NICE);
                if (result != 0) {
                    log.debug("setpriority({}) refused for {}", NICE, name);
                }
            } catch (Throwable e) {
                log.debug("setpriority({}) failed for {}: {}", NICE, name, e.toString());
            }
        });
    }

    private static Optional<MethodHandle> lookUp() {
        if (!BackgroundPriority.class.getModule().isNativeAccessEnabled()) {
            // Without --enable-native-access (the image's jvm.options and the jar's manifest give it) the JDK would
            // print a warning on stderr, outside the log format: go without.
            log.debug("Native access is not enabled: threads keep their priority");
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("setpriority")
                    .map(symbol -> linker.downcallHandle(
                            symbol,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            log.debug("No setpriority here: {}", e.toString());
            return Optional.empty();
        }
    }
}
