package io.deepedge.hw.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void readsTheTokenWithoutItsLineBreak() throws Exception {
        Path file = write("t", SECRET + "\n", "rw-------");
        TokenFile.Loaded loaded = TokenFile.read(file);
        assertTrue(loaded.token().matches(SECRET));
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void warnsWhenOthersCanReadTheFile() throws Exception {
        Path file = write("t", SECRET, "rw-r--r--");
        List<String> warnings = TokenFile.read(file).warnings();
        assertEquals(List.of("--token-file: " + file + ": readable by other users (rw-r--r--), expected rw-------"
                + " (chmod 600 " + file + ")"), warnings);
    }

    @Test
    void warnsAboutAShortToken() throws Exception {
        Path file = write("t", "short", "rw-------");
        assertTrue(TokenFile.read(file).warnings().get(0).contains("short token (5 characters)"));
    }

    @Test
    void refusesMissingEmptyAndUnusableFilesNamingTheOptionAndFile() throws Exception {
        assertProblem(dir.resolve("absent"), "file not found");
        assertProblem(write("empty", "", "rw-------"), "file is empty");
        assertProblem(write("newline", "\n", "rw-------"), "file is empty");
        assertProblem(dir, "not a regular file");
        assertProblem(write("two-lines", SECRET + "\n" + SECRET + "\n", "rw-------"),
                "token character 33 of 65 is not printable ASCII (code 10)");
    }

    @Test
    void generatesA64HexDigitTokenReadableByTheOwnerOnly() throws Exception {
        Path file = TokenFile.generate(dir);
        assertEquals(dir.resolve(TokenFile.GENERATED_NAME), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(text.matches("[0-9a-f]{64}"), "64 hex digits expected");
        TokenFile.Loaded loaded = TokenFile.read(file);
        assertTrue(loaded.token().matches(text));
        assertEquals(List.of(), loaded.warnings());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no partial file left");
        }
    }

    @Test
    void generatedTokensDiffer() throws Exception {
        Path a = TokenFile.generate(Files.createDirectory(dir.resolve("a")));
        Path b = TokenFile.generate(Files.createDirectory(dir.resolve("b")));
        assertFalse(Files.readString(a).equals(Files.readString(b)));
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        Path existing = write(TokenFile.GENERATED_NAME, "keep me", "rw-------");
        assertThrows(FileAlreadyExistsException.class, () -> TokenFile.generate(dir));
        assertEquals("keep me", Files.readString(existing));
    }

    private void assertProblem(Path file, String what) {
        TokenFile.InvalidTokenFileException e = assertThrows(TokenFile.InvalidTokenFileException.class,
                () -> TokenFile.read(file));
        assertTrue(e.getMessage().startsWith("--token-file: " + file + ": " + what), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    private Path write(String name, String content, String permissions) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
