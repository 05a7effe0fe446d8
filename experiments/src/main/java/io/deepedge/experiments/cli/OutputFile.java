package io.deepedge.experiments.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The rule for a single output file a command writes (e.g. {@code trace synth --out}): a new file in an existing,
 * writable directory; an existing path only when {@code --force} is given and it is a regular file (not a
 * directory, not a link, not a device). Checked before any work, so a refused path is left as it was.
 */
final class OutputFile {
    private static final String EXPECTED = "a path for a new file in an existing directory";

    private OutputFile() {
    }

    /**
     * The path {@code text} names as the output of {@code option}, or null after adding its problem to
     * {@code problems}. Takes the text as typed: a trailing separator, which {@link Path} drops, names a directory.
     */
    static Path check(String option, String text, boolean force, List<String> problems) {
        String problem;
        Path path = null;
        if (text.isBlank()) {
            problem = "empty path (\"" + text + "\"), expected " + EXPECTED;
        } else if (text.endsWith("/") || text.endsWith(File.separator)) {
            problem = "names a directory (" + text + "), expected " + EXPECTED;
        } else {
            try {
                path = Path.of(text);
                problem = problem(path, text, force);
            } catch (InvalidPathException e) {
                problem = "not a valid path (" + text + "), expected " + EXPECTED;
            }
        }
        if (problem != null) {
            problems.add(option + ": " + problem);
            return null;
        }
        return path;
    }

    private static String problem(Path path, String text, boolean force) {
        if (Files.isDirectory(path)) {
            return "an existing directory (" + text + "), expected " + EXPECTED;
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return "exists and is not a regular file (" + text + "), expected " + EXPECTED;
            }
            if (!force) {
                return "file exists (" + text + "), expected " + EXPECTED + ", or --force to replace this file";
            }
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.exists(parent)) {
            return "directory does not exist (" + (parent == null ? text : parent) + "), expected " + EXPECTED;
        }
        if (!Files.isDirectory(parent)) {
            return "parent is not a directory (" + parent + "), expected " + EXPECTED;
        }
        if (!Files.isWritable(parent) || !canCreateFileIn(parent)) {
            return "cannot create a file in (" + parent + "), expected " + EXPECTED + " this user may write into";
        }
        return null;
    }

    /**
     * Creates and removes an empty file in {@code dir}: the only sure test (permissions say yes to root, and
     * file systems such as /proc or a read-only mount refuse anyway), before any work is done.
     */
    private static boolean canCreateFileIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".deepedge-probe-", ".tmp"));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
