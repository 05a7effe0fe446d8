package io.deepedge.hw.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads the shared token from {@code --token-file F}, and generates one for {@code --local} runs. Messages name
 * the option and the file, never the token.
 */
public final class TokenFile {
    /** The file name {@link #generate} writes into a run's temporary folder. */
    public static final String GENERATED_NAME = "agent.token";
    static final int GENERATED_BYTES = 32;
    static final int SHORT_TOKEN_CHARS = 16;
    private static final String OPTION = "--token-file";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFile() {
    }

    /** A token read from a file, with warnings (readable by others, short) for the caller to print. */
    public record Loaded(Token token, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /** Thrown when the file cannot give a token; the message is one problem line naming the option and file. */
    public static final class InvalidTokenFileException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenFileException(String message) {
            super(message);
        }
    }

    /**
     * The token in {@code file}: its text with one trailing line break removed. The file must exist, be a
     * regular file and hold a non-empty printable-ASCII token; group- or world-readable files get a warning.
     */
    public static Loaded read(Path file) throws InvalidTokenFileException {
        if (!Files.exists(file)) {
            throw problem(file, "file not found", "an existing file holding the shared token");
        }
        if (!Files.isRegularFile(file)) {
            throw problem(file, "not a regular file", "a file holding the shared token");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw problem(file, "cannot be read (" + e.getClass().getSimpleName() + ")", "a readable file");
        }
        String value = stripOneLineBreak(text);
        if (value.isEmpty()) {
            throw problem(file, "file is empty", "the shared token on its first line");
        }
        Token token;
        try {
            token = Token.of(value);
        } catch (IllegalArgumentException e) {
            throw problem(file, e.getMessage(), "one line of printable ASCII, e.g. 64 hex digits");
        }
        return new Loaded(token, warnings(file, token));
    }

    /**
     * Writes a new random token (32 bytes from SecureRandom, as 64 hex digits) to {@code dir/agent.token},
     * readable by the owner only from the moment it exists, and complete or absent (written to a temporary name,
     * then renamed). Refuses to replace an existing file.
     */
    public static Path generate(Path dir) throws IOException {
        Path target = dir.resolve(GENERATED_NAME);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a token file is never overwritten");
        }
        byte[] secret = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(secret);
        Token token = Token.of(HexFormat.of().formatHex(secret));
        Path partial = Files.createTempFile(dir, GENERATED_NAME + ".", ".partial",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(partial, token.valueBytes());
            Files.setPosixFilePermissions(partial, OWNER_ONLY);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    private static List<String> warnings(Path file, Token token) {
        List<String> warnings = new ArrayList<>();
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            try {
                Set<PosixFilePermission> perms = posix.readAttributes().permissions();
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    warnings.add(OPTION + ": " + file + ": readable by other users ("
                            + PosixFilePermissions.toString(perms) + "), expected rw------- (chmod 600 " + file + ")");
                }
            } catch (IOException e) {
                warnings.add(OPTION + ": " + file + ": permissions cannot be read (" + e.getClass().getSimpleName()
                        + "), expected a file readable by its owner only");
            }
        }
        if (token.length() < SHORT_TOKEN_CHARS) {
            warnings.add(OPTION + ": " + file + ": short token (" + token.length() + " characters), expected at least "
                    + SHORT_TOKEN_CHARS + " (e.g. 64 hex digits: openssl rand -hex 32)");
        }
        return warnings;
    }

    private static String stripOneLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static InvalidTokenFileException problem(Path file, String what, String expected) {
        return new InvalidTokenFileException(OPTION + ": " + file + ": " + what + ", expected " + expected);
    }
}
