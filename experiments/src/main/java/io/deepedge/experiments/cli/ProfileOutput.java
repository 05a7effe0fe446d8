package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ProblemText;
import io.deepedge.models.profile.Profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where {@code profile} writes: a new file, or a profile file this tool wrote (recognised by its {@code format:}
 * line among the first lines), replaced atomically; never anything else.
 */
final class ProfileOutput {
    /** How many leading lines may hold the {@code format:} line (after the header comment). */
    private static final int HEADER_LINES = 5;

    private ProfileOutput() {
    }

    static void check(Path out, Path config, List<String> problems) {
        if (out == null) {
            problems.add(ProblemText.of("--out", "missing", "none given", "the profile file to write, e.g."
                    + " --out profiles/NAME.yaml"));
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            problems.add(ProblemText.of("--out", "its folder does not exist", out.toString(), "a file in an existing folder"));
            return;
        }
        if (Files.isDirectory(out)) {
            problems.add(ProblemText.of("--out", "is a folder", out.toString(), "a profile file name"));
        } else if (Files.exists(out) && !writtenByThisTool(out)) {
            problems.add(ProblemText.of("--out", "exists and is not a profile file written by this tool", out.toString(),
                    "a new file, or a profile file (format: " + Profile.FORMAT + ") to replace"));
        }
    }

    /** Whether {@code file} starts like a profile file (a {@code format: deepedge-profile/...} line). */
    static boolean writtenByThisTool(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < HEADER_LINES; i++) {
                String line = r.readLine();
                if (line == null) {
                    return false;
                }
                if (line.startsWith("format: deepedge-profile/")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Writes a temporary file beside {@code out} and renames it over {@code out}: never half a profile. */
    static void write(Path out, String text) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (Files.exists(out) && !writtenByThisTool(out)) {
            throw new IOException(out + " appeared meanwhile and is not a profile file of this tool: not replaced");
        }
        Path tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
