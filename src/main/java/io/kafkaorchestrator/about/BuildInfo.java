package io.kafkaorchestrator.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * What was built, filled in by Maven at build time (src/main/resources/about.properties). The field names and their
 * string values are the seed's /about; the seed's "dev" / "-1" stand where a value is unknown.
 */
public record BuildInfo(String version, String timestamp, String epoch, String build) {

    static final String RESOURCE = "/about.properties";

    public static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return fromProperties(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the application jar", e);
        }
    }

    static BuildInfo fromProperties(Properties p) {
        String timestamp = filled(p.getProperty("timestamp"));
        return new BuildInfo(
                filled(p.getProperty("version")), timestamp, epochOf(timestamp), filled(p.getProperty("build")));
    }

    /** A value Maven did not fill (no git checkout, say) stays "${...}": report it as "dev" like the seed. */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "dev" : value;
    }

    private static String epochOf(String timestamp) {
        try {
            return Long.toString(Instant.parse(timestamp).getEpochSecond());
        } catch (DateTimeParseException e) {
            return "-1";
        }
    }
}
