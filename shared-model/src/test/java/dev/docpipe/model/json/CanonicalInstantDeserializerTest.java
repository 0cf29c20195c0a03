package dev.docpipe.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The fast instant reader gives Jackson's own answer for every form, canonical or not. */
class CanonicalInstantDeserializerTest {
    /** ModelJson's settings with Jackson's own instant reader. */
    private static final JsonMapper JACKSON = ModelJson.strictBuilder().build();

    private static Object answer(JsonMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (JacksonException e) {
            return "refused";
        }
    }

    private static void sameAnswer(String text) {
        String json = "\"" + text + "\"";
        assertThat(answer(ModelJson.MAPPER, json)).as(text).isEqualTo(answer(JACKSON, json));
    }

    @Test
    void canonicalFormsAreReadFastAndAsJacksonReadsThem() {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            String s = t.toString();
            texts.add(s);
            int dot = s.indexOf('.');
            if (dot > 0) { // every fraction length, not just the 3/6/9 digits toString writes
                int digits = 1 + random.nextInt(9);
                String fraction = s.substring(dot + 1, s.length() - 1);
                texts.add(s.substring(0, dot + 1) + (fraction + "000000000").substring(0, digits) + "Z");
            }
        }
        for (String text : texts) {
            assertThat(CanonicalInstantDeserializer.parse(text)).as(text).isNotNull()
                    .isEqualTo(JACKSON.readValue("\"" + text + "\"", Instant.class));
        }
    }

    @Test
    void everyOtherFormGetsJacksonsAnswer() {
        for (String text : List.of("2025-03-01T10:15:30Z", "2025-03-01T10:15:30.1Z", "2025-03-01T10:15:30.123456789Z",
                "2025-03-01T10:15:30.1234567891Z", "2025-03-01T10:15:30.Z", "2025-03-01T10:15Z", "2025-03-01T10:15:30",
                "2025-03-01t10:15:30z", "2025-03-01T10:15:30+01:00", "2025-03-01T10:15:30.5+00:00",
                "2025-03-01T10:15:30-0200", "2025-03-01 10:15:30Z", "2025-02-29T10:15:30Z", "2024-02-29T10:15:30Z",
                "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-01-00T00:00:00Z",
                "2025-01-01T24:00:00Z", "2025-01-01T23:60:00Z", "2025-12-31T23:59:60Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2025-03-01T10:15:3aZ", "2025-03-01T10:15:30.12a4Z", "٢٠٢٥-03-01T10:15:30Z", "", " ", "now",
                "1700000000", "1700000000.5", "2025-03-01T10:15:30.123Z ", " 2025-03-01T10:15:30.123Z")) {
            sameAnswer(text);
        }
        for (String json : List.of("1700000000", "1700000000.123", "-1", "true", "null", "[]", "{}")) {
            assertThat(answer(ModelJson.MAPPER, json)).as(json).isEqualTo(answer(JACKSON, json));
        }
    }
}
