package io.deepedge.hw.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret every call carries. Its value leaves this class only as a request header
 * ({@link #headerValue()}); {@link #toString()} is redacted so it cannot reach a log or an exception by accident.
 */
public final class Token {
    private final String value;
    private final byte[] digest;

    private Token(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * A token from its text: non-empty printable ASCII without spaces (it travels in an HTTP/2 header).
     * The exception message never repeats the value.
     */
    public static Token of(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("token is empty, expected printable ASCII characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("token character " + (i + 1) + " of " + value.length()
                        + " is not printable ASCII (code " + (int) c + "), expected characters ! to ~ without spaces");
            }
        }
        return new Token(value);
    }

    public int length() {
        return value.length();
    }

    /**
     * Whether {@code presented} is this token, in time independent of where they differ and of their lengths
     * (both are hashed to 32 bytes first, then compared in constant time).
     */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The value of the {@code authorization} header: {@code Bearer <token>}. */
    String headerValue() {
        return TokenAuthInterceptor.BEARER_PREFIX + value;
    }

    /** For writing a generated token to its file only. */
    byte[] valueBytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "Token[redacted, " + value.length() + " characters]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
