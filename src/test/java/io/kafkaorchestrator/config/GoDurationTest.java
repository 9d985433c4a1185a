package io.kafkaorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            500ms   | PT0.5S
            10s     | PT10S
            1m30s   | PT1M30S
            1h      | PT1H
            1.5s    | PT1.5S
            .5s     | PT0.5S
            5.s     | PT5S
            300us   | PT0.0003S
            300µs   | PT0.0003S
            300μs   | PT0.0003S
            7ns     | PT0.000000007S
            1h2m3s4ms5us6ns | PT1H2M3.004005006S
            +10s    | PT10S
            0       | PT0S
            +0      | PT0S
            0s      | PT0S
            1.0000000001s | PT1S
            2562047h | PT2562047H
            """)
    void readsGoDurations(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10       | a number without a unit (add a unit, e.g. 10s)
            1.5      | a number without a unit (add a unit, e.g. 1.5s)
            -5s      | negative
            -0       | negative
            10sec    | unknown unit "sec"
            10S      | unknown unit "S"
            1h 30m   | unknown unit "h "
            ten      | not a duration
            .s       | not a duration
            1..5s    | not a duration
            1s5      | missing unit after 5
            +        | not a duration
            2562048h | too large
            """)
    void rejectsWhatGoRejectsAndNegativesAndBareNumbers(String text, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse(text))
                .withMessage(message);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S          | 0s
            PT10S         | 10s
            PT1M30S       | 1m30s
            PT10M         | 10m
            PT1H          | 1h
            PT1.5S        | 1s500ms
            PT0.0003S     | 300us
            PT25H0.000000001S | 25h1ns
            """)
    void formatsAsShortGoTextThatReadsBack(Duration duration, String text) {
        assertThat(GoDuration.format(duration)).isEqualTo(text);
        assertThat(GoDuration.parse(text)).isEqualTo(duration);
    }
}
