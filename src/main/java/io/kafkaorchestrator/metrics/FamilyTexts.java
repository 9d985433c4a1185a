package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exposition format's writer, and the text it wrote for each family in the last scrape. The writers write a
 * character at a time through a locked {@code BufferedWriter}, the larger part of rendering a scrape
 * (docs/packaging.md, Scrape cost). Most families do not change between scrapes (limits, maximums, partition counts,
 * verdicts), and a collector gives the same snapshot object for a family that did not change ({@link MetricFamily}).
 * Such a family's text is taken from the last scrape; only the others are written. The result is the text the writer
 * would write for all of them.
 */
final class FamilyTexts {

    private static final EscapingScheme ESCAPING = EscapingScheme.UNDERSCORE_ESCAPING;

    private final ExpositionFormatWriter writer;
    /** What the writer writes after the last family ({@code # EOF} in OpenMetrics). */
    private final byte[] end;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
    private Map<MetricSnapshot, byte[]> lastTexts = new IdentityHashMap<>();

    FamilyTexts(ExpositionFormatWriter writer) {
        this.writer = writer;
        this.end = write(MetricSnapshots.of());
    }

    /** The writer's text of these snapshots. */
    synchronized byte[] render(MetricSnapshots snapshots) {
        Map<MetricSnapshot, byte[]> texts = new IdentityHashMap<>(2 * snapshots.size());
        List<MetricSnapshot> changed = new ArrayList<>();
        for (MetricSnapshot snapshot : snapshots) {
            byte[] text = lastTexts.get(snapshot);
            if (text != null) {
                texts.put(snapshot, text);
            } else if (!snapshot.getDataPoints().isEmpty()) { // the writers leave out a family without samples
                changed.add(snapshot);
            }
        }
        if (!changed.isEmpty()) {
            byte[] written = write(new MetricSnapshots(changed));
            int familiesEnd = written.length - end.length;
            List<byte[]> changedTexts =
                    familiesEnd >= 0 && Arrays.equals(written, familiesEnd, written.length, end, 0, end.length)
                            ? splitByFamily(written, familiesEnd)
                            : List.of();
            if (changedTexts.size() != changed.size()) {
                // Not one text per family as expected: serve the writer's text of all families and keep none.
                lastTexts = new IdentityHashMap<>();
                return write(snapshots);
            }
            for (int i = 0; i < changed.size(); i++) {
                texts.put(changed.get(i), changedTexts.get(i));
            }
        }
        lastTexts = texts;
        return inOrder(snapshots, texts);
    }

    /**
     * Splits a writer's text into families. A family is its comment lines ({@code # HELP}, {@code # TYPE},
     * {@code # UNIT}, in either format's order) then its sample lines, so a family starts at each comment line that
     * follows a sample line. Help texts and label values escape their line feeds: a line feed always ends a line.
     */
    static List<byte[]> splitByFamily(byte[] text, int length) {
        List<byte[]> families = new ArrayList<>();
        int familyStart = 0;
        boolean afterSample = false;
        for (int lineStart = 0; lineStart < length; ) {
            int lineEnd = lineStart;
            while (lineEnd < length && text[lineEnd] != '\n') {
                lineEnd++;
            }
            boolean comment = text[lineStart] == '#';
            if (comment && afterSample) {
                families.add(Arrays.copyOfRange(text, familyStart, lineStart));
                familyStart = lineStart;
            }
            afterSample = !comment;
            lineStart = lineEnd + 1;
        }
        if (familyStart < length) {
            families.add(Arrays.copyOfRange(text, familyStart, length));
        }
        return families;
    }

    private byte[] inOrder(MetricSnapshots snapshots, Map<MetricSnapshot, byte[]> texts) {
        int length = end.length;
        for (byte[] text : texts.values()) {
            length += text.length;
        }
        byte[] body = new byte[length];
        int at = 0;
        for (MetricSnapshot snapshot : snapshots) {
            byte[] text = texts.get(snapshot);
            if (text != null) {
                System.arraycopy(text, 0, body, at, text.length);
                at += text.length;
            }
        }
        System.arraycopy(end, 0, body, at, end.length);
        return body;
    }

    private byte[] write(MetricSnapshots snapshots) {
        buffer.reset();
        try {
            writer.write(buffer, snapshots, ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }
}
