package io.kafkaorchestrator.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Date header's value (RFC 9110 5.6.7), formatted once a second. */
final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private record Formatted(long epochSecond, String text) {}

    private static volatile Formatted last = new Formatted(-1, "");

    private HttpDate() {}

    static String now() {
        return of(Instant.now());
    }

    static String of(Instant instant) {
        Formatted formatted = last;
        if (formatted.epochSecond() != instant.getEpochSecond()) {
            formatted = new Formatted(instant.getEpochSecond(), IMF_FIXDATE.format(instant));
            last = formatted;
        }
        return formatted.text();
    }
}
