package io.kafkaorchestrator.metrics;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the small kernel files a scrape needs (cgroup files, /proc/self/status) into a buffer kept per thread.
 * {@code Files.readString} allocates its own buffer, a channel and a decoder for every file, and a scrape reads
 * several; this allocates little more than the text itself (docs/packaging.md, Scrape cost). Scrapes are collected on
 * the HTTP server's connection threads, which are few and reused, so there are few buffers.
 */
final class SmallFile {

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[8192]);

    private SmallFile() {}

    /**
     * The file's text (kernel files are ASCII).
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException         if it cannot be read (a directory, no permission)
     */
    static String read(Path file) throws IOException {
        FileInputStream in;
        try {
            in = new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            // FileInputStream says "not found" for a missing file, a directory and a refused one alike.
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw e;
        }
        try (in) {
            byte[] buffer = BUFFER.get();
            int length = 0;
            int read;
            while ((read = in.read(buffer, length, buffer.length - length)) > 0) {
                length += read;
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    BUFFER.set(buffer);
                }
            }
            return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
