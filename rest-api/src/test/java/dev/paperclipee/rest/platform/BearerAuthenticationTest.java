package dev.paperclipee.rest.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the token is taken out of an {@code Authorization} header (RFC 6750: the scheme is case-insensitive). */
class BearerAuthenticationTest {

    @Test
    void theTokenFollowsTheBearerScheme() {
        assertEquals(Optional.of("pcp_abc"), BearerAuthentication.token("Bearer pcp_abc"));
        assertEquals(Optional.of("pcp_abc"), BearerAuthentication.token("bearer pcp_abc"));
        assertEquals(Optional.of("pcp_abc"), BearerAuthentication.token("  BEARER   pcp_abc  "));
        assertEquals(Optional.of("a b"), BearerAuthentication.token("Bearer a b"), "left for the key check to refuse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "pcp_abc", "Bearerpcp_abc", "Token pcp_abc"})
    void anythingElseHasNoToken(String header) {
        assertEquals(Optional.empty(), BearerAuthentication.token(header));
    }
}
