package io.kafkaorchestrator.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations written as Go's {@code time.ParseDuration} reads them, as the original tool took them: a sequence of
 * decimal numbers, each with a unit ({@code ns}, {@code us} or {@code µs}, {@code ms}, {@code s}, {@code m},
 * {@code h}), such as {@code 500ms}, {@code 10s}, {@code 1m30s}, {@code 1.5h}. Unlike Go, a negative duration and a
 * bare number other than {@code 0} are errors: {@code CHECK_TIMEOUT=10} is far more likely a mistake than 10 ns.
 */
public final class GoDuration {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L, // U+00B5 micro sign
            "μs", 1_000L, // U+03BC Greek small letter mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {}

    /**
     * @throws IllegalArgumentException saying what is wrong with the text, phrased to follow "NAME=value: "
     */
    public static Duration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("negative");
        }
        String rest = text.startsWith("+") ? text.substring(1) : text;
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("not a duration");
        }
        if (rest.equals("0")) {
            return Duration.ZERO; // Go's one unitless duration
        }
        if (rest.chars().allMatch(c -> isDigit(c) || c == '.') && rest.chars().anyMatch(GoDuration::isDigit)) {
            throw new IllegalArgumentException("a number without a unit (add a unit, e.g. " + rest + "s)");
        }
        BigInteger totalNanos = BigInteger.ZERO;
        int i = 0;
        while (i < rest.length()) {
            int numberStart = i;
            while (i < rest.length() && (isDigit(rest.charAt(i)) || rest.charAt(i) == '.')) {
                i++;
            }
            String number = rest.substring(numberStart, i);
            if (!number.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
                throw new IllegalArgumentException("not a duration");
            }
            int unitStart = i;
            while (i < rest.length() && !isDigit(rest.charAt(i)) && rest.charAt(i) != '.') {
                i++;
            }
            String unit = rest.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit after " + number);
            }
            Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
            if (nanosPerUnit == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\"");
            }
            // Like Go, each term is truncated to whole nanoseconds.
            totalNanos = totalNanos.add(new BigDecimal(number)
                    .multiply(BigDecimal.valueOf(nanosPerUnit))
                    .toBigInteger());
            if (totalNanos.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException("too large");
            }
        }
        return Duration.ofNanos(totalNanos.longValueExact());
    }

    /** The shortest Go-style text for a duration, which {@link #parse} reads back: "10s", "1m30s", "1s500ms", "0s". */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        append(text, hours, "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        long nanos = duration.toNanosPart();
        append(text, nanos / 1_000_000, "ms");
        append(text, nanos / 1_000 % 1_000, "us");
        append(text, nanos % 1_000, "ns");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
