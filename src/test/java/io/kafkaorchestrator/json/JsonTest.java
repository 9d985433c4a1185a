package io.kafkaorchestrator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharactersAndKeepsUnicode() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001f é")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f é\"");
    }

    @Test
    void writesNestedMapsInOrderAndListsWithNulls() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", Arrays.asList(true, null, 2L, 1.5));
        map.put("m", Map.of("k", "v"));
        assertThat(Json.write(map)).isEqualTo("{\"z\":1,\"a\":[true,null,2,1.5],\"m\":{\"k\":\"v\"}}");
    }

    record Answer(String name, Optional<Integer> count, Optional<String> missing, List<Integer> ids) {}

    @Test
    void writesARecordAsAnObjectOfItsComponentsInOrderAndAnOptionalAsItsValueOrNull() {
        assertThat(Json.write(new Answer("z", Optional.of(2), Optional.empty(), List.of(1))))
                .isEqualTo("{\"name\":\"z\",\"count\":2,\"missing\":null,\"ids\":[1]}");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[null,null]");
    }

    @Test
    void refusesTypesWithoutAJsonForm() {
        assertThatThrownBy(() -> Json.write(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no JSON form for java.lang.Object");
    }
}
