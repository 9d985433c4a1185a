package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheWholeTextAgainAndAgainWhateverItsSize() throws IOException {
        Path small = Files.writeString(dir.resolve("memory.current"), "4096\n");
        Path large = Files.writeString(dir.resolve("memory.stat"), "anon 1\n".repeat(5000)); // 35,000 bytes

        assertThat(SmallFile.read(small)).isEqualTo("4096\n");
        assertThat(SmallFile.read(large)).isEqualTo("anon 1\n".repeat(5000));
        assertThat(SmallFile.read(small)).isEqualTo("4096\n");
        assertThat(SmallFile.read(Files.writeString(dir.resolve("empty"), ""))).isEmpty();
    }

    @Test
    void aMissingFileIsNoSuchFileAndADirectoryIsUnreadable() throws IOException {
        assertThatThrownBy(() -> SmallFile.read(dir.resolve("memory.max")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir.resolve("memory.max").toString());
        Path directory = Files.createDirectory(dir.resolve("memory.stat"));
        assertThatThrownBy(() -> SmallFile.read(directory))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(NoSuchFileException.class);
    }
}
