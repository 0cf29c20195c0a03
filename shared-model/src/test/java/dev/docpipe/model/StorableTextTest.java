package dev.docpipe.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {
    @Test
    void textEveryStoreCanHoldPasses() {
        for (String ok : new String[] {"", "plain", "Zeugnis Mathe ä ß", "emoji \uD83D\uDE00 pair", "tab\tnew\nline", "\u007f"}) {
            assertThat(StorableText.problem(ok)).as(ok).isNull();
            assertThat(StorableText.clean(ok)).isSameAs(ok);
        }
        assertThat(StorableText.problem(null)).isNull();
        assertThat(StorableText.clean(null)).isNull();
    }

    @Test
    void nulAndHalfSurrogatePairsAreNamed() {
        assertThat(StorableText.problem("a\u0000b")).isEqualTo("must not contain NUL (U+0000)");
        assertThat(StorableText.problem("\uD800")).isEqualTo("is not valid Unicode (unpaired surrogate)");
        assertThat(StorableText.problem("x\uDC00y")).isEqualTo("is not valid Unicode (unpaired surrogate)");
        assertThat(StorableText.problem("\uDE00\uD83D")).as("a pair in the wrong order").isNotNull();
        assertThat(StorableText.problem("\uD83D\uD83D\uDE00")).as("a high surrogate before a pair").isNotNull();
    }

    @Test
    void cleaningReplacesOnlyWhatCannotBeStored() {
        assertThat(StorableText.clean("a\u0000b\uD800c\uD83D\uDE00\uDC00"))
                .isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00\uFFFD");
        assertThat(StorableText.problem(StorableText.clean("\uDE00\uD83D\u0000"))).isNull();
    }
}
