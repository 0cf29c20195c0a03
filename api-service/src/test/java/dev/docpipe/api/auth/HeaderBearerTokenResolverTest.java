package dev.docpipe.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** Differential: every Authorization header gets the answer Spring Security's default resolver gives. */
class HeaderBearerTokenResolverTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

    static List<String> headers() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT,
                "Bearer abc==", "Bearer a=", "Bearer =", "Bearer a=b", "Bearer", "Bearer ", "Bearer  " + JWT,
                "Bearer " + JWT + " ", "Bearer\t" + JWT, "Bearer " + JWT + "\n", "Bearerx", "Bearer a b",
                "Basic dXNlcjpwYXNz", "Token abc", "", " Bearer abc", "Bearer -._~+/09azAZ", "Bearer ä",
                "Bearer abc%20", "bearer=abc", "Bearer a,b", "Bea"));
        for (char c = 0; c < 128; c++) {
            headers.add("Bearer ab" + c + "cd");
        }
        return headers;
    }

    @ParameterizedTest
    @MethodSource("headers")
    void answersAsTheDefaultResolver(String header) {
        assertThat(answer(new HeaderBearerTokenResolver(), header))
                .isEqualTo(answer(new DefaultBearerTokenResolver(), header));
    }

    @Test
    void noHeaderIsNoToken() {
        assertThat(new HeaderBearerTokenResolver().resolve(new MockHttpServletRequest("POST", "/x"))).isNull();
    }

    private static String answer(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/children/x/documents");
        request.addHeader("Authorization", header);
        try {
            return "token:" + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
