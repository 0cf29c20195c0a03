package dev.docpipe.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void aUuidSubjectIsTheAccountId() {
        UUID account = UUID.randomUUID();
        assertThat(Caller.ofSubject(account.toString()).accountId()).isEqualTo(account);
        assertThat(Caller.ofSubject(account.toString().toUpperCase()).accountId()).isEqualTo(account);
    }

    @Test
    void anOpaqueSubjectAlwaysGivesTheSameAccountAndDistinctSubjectsDistinctOnes() {
        Caller google = Caller.ofSubject("110248495921238986420");
        assertThat(Caller.ofSubject("110248495921238986420")).isEqualTo(google);
        assertThat(Caller.ofSubject("auth0|110248495921238986420")).isNotEqualTo(google);
        // a non-canonical UUID spelling is an opaque string, not that UUID
        assertThat(Caller.ofSubject("1-1-1-1-1").accountId()).isNotEqualTo(UUID.fromString("1-1-1-1-1"));
    }

    @Test
    void noSubjectIsNoAccount() {
        assertThatThrownBy(() -> Caller.ofSubject(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.ofSubject(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
