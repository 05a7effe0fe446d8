package io.deepedge.hw.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenTest {
    private static final String SECRET = "s3cr3t-value-0123456789";

    @Test
    void matchesOnlyItsOwnValue() {
        Token token = Token.of(SECRET);
        assertTrue(token.matches(SECRET));
        assertFalse(token.matches(SECRET + "x"));
        assertFalse(token.matches(SECRET.substring(1)));
        assertFalse(token.matches(""));
    }

    @Test
    void neverShowsItsValue() {
        Token token = Token.of(SECRET);
        assertFalse(token.toString().contains(SECRET));
        assertFalse(new TokenCredentials(token).toString().contains(SECRET));
        assertEquals("Bearer " + SECRET, token.headerValue());
    }

    @Test
    void refusesTextAHeaderCannotCarryWithoutRepeatingIt() {
        assertThrows(IllegalArgumentException.class, () -> Token.of(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Token.of("abc def"));
        assertEquals("token character 4 of 7 is not printable ASCII (code 32), expected characters ! to ~ without"
                + " spaces", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Token.of("caf\u00e9"));
    }
}
