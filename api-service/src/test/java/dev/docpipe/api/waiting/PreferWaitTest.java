package dev.docpipe.api.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferWaitTest {

    @Test
    void readsTheWaitPreferenceAmongOthers() {
        assertThat(PreferWait.requested(List.of("wait=10"))).contains(Duration.ofSeconds(10));
        assertThat(PreferWait.requested(List.of("respond-async, WAIT = 5"))).contains(Duration.ofSeconds(5));
        assertThat(PreferWait.requested(List.of("return=minimal", "wait=\"7\"; foo=bar")))
                .contains(Duration.ofSeconds(7));
        assertThat(PreferWait.requested(List.of("foo=\"a,wait=3\", wait=4"))).contains(Duration.ofSeconds(4));
        assertThat(PreferWait.requested(List.of("wait=0"))).contains(Duration.ZERO);
    }

    @Test
    void aMalformedOrMissingWaitIsIgnored() {
        assertThat(PreferWait.requested(List.of())).isEmpty();
        assertThat(PreferWait.requested(List.of("return=minimal"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=-1"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=1.5"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=99999999999"))).isEmpty();
        assertThat(PreferWait.requested(List.of("waiting=3"))).isEmpty();
        assertThat(PreferWait.requested(List.of("wait=x, wait=2"))).contains(Duration.ofSeconds(2));
    }

    @Test
    void theGrantedWaitIsCappedAndNamedInPreferenceApplied() {
        assertThat(PreferWait.granted(Duration.ofSeconds(3600), Duration.ofSeconds(30))).hasSeconds(30);
        assertThat(PreferWait.granted(Duration.ofSeconds(5), Duration.ofSeconds(30))).hasSeconds(5);
        assertThat(PreferWait.applied(Duration.ofSeconds(30))).isEqualTo("wait=30");
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndStar() {
        assertThat(EntityTags.matches("\"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.matches("W/\"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.matches("\"1\", \"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.matches("*", "\"3\"")).isTrue();
        assertThat(EntityTags.matches("\"2\"", "\"3\"")).isFalse();
        assertThat(EntityTags.matches(null, "\"3\"")).isFalse();
    }
}
