package io.deepedge.experiments.cli;

import java.io.File;
import java.nio.file.Files;
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

    /** Adds the problem with {@code path} as the output of {@code option} to {@code problems}, if any. */
    static void check(String option, Path path, boolean force, List<String> problems) {
        String text = path.toString();
        String problem = problem(path, text, force);
        if (problem != null) {
            problems.add(option + ": " + problem);
        }
    }

    private static String problem(Path path, String text, boolean force) {
        if (text.isBlank()) {
            return "empty path (\"" + text + "\"), expected " + EXPECTED;
        }
        if (text.endsWith("/") || text.endsWith(File.separator)) {
            return "names a directory (" + text + "), expected " + EXPECTED;
        }
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
        if (!Files.isWritable(parent)) {
            return "directory not writable (" + parent + "), expected " + EXPECTED + " this user may write into";
        }
        return null;
    }
}
