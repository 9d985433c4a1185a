package io.kafkaorchestrator.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void readsTheFilledPropertiesAndDerivesTheEpoch() {
        Properties p = new Properties();
        p.setProperty("version", "1.2.3");
        p.setProperty("timestamp", "2026-11-25T12:00:00Z");
        p.setProperty("build", "0123456789ab");
        assertThat(BuildInfo.fromProperties(p))
                .isEqualTo(new BuildInfo("1.2.3", "2026-11-25T12:00:00Z", "1795608000", "0123456789ab"));
    }

    @Test
    void unfilledValuesReadAsTheSeedsDevDefaults() {
        Properties p = new Properties();
        p.setProperty("version", "${project.version}");
        p.setProperty("build", "${git.commit.id.abbrev}");
        assertThat(BuildInfo.fromProperties(p)).isEqualTo(new BuildInfo("dev", "dev", "-1", "dev"));
    }

    @Test
    void theBuiltJarCarriesRealValues() {
        BuildInfo info = BuildInfo.load();
        assertThat(info.version()).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.timestamp()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Long.parseLong(info.epoch())).isPositive();
    }
}
