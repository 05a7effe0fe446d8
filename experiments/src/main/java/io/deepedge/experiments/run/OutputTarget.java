package io.deepedge.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before any work, that a result directory may be written where the user asked: the target is new, or a
 * finished result directory of this tool ({@link ResultDirectory}); it is not the file system root, the home
 * directory, the working directory or one of its parents, an input of the run or a folder holding one; and its
 * location can take a new folder. Every problem is one {@code OPTION: what (value), expected ...} line.
 */
public final class OutputTarget {
    static final String EXPECTED = "a path to a new folder, or to a previous result directory of this tool (it is replaced)";
    /** File systems that look writable to root but are kernel interfaces or memory, never a place for results. */
    private static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("proc", "sysfs", "devtmpfs", "devpts", "cgroup",
            "cgroup2", "debugfs", "securityfs", "tracefs", "configfs", "fusectl", "mqueue", "bpf", "pstore");

    /** An input the run reads, which the output must neither be nor contain. */
    public record Input(Path path, String what) {
    }

    private OutputTarget() {
    }

    /**
     * Problems with writing a result directory at {@code written}.
     *
     * @param option  how the user named the target, e.g. {@code --out} or {@code OUT}
     * @param written the path as the user wrote it
     * @param inputs  files and folders the command reads
     */
    public static List<String> problems(String option, String written, List<Input> inputs) {
        List<String> problems = new ArrayList<>();
        if (written.isBlank()) {
            problems.add(line(option, "an empty path names the working directory", written));
            return problems;
        }
        Path target;
        try {
            target = real(Path.of(written));
        } catch (InvalidPathException | IOException e) {
            problems.add(line(option, "not a usable path", written));
            return problems;
        }
        Optional<String> dangerous = dangerous(target, inputs);
        if (dangerous.isPresent()) {
            problems.add(line(option, dangerous.get(), written));
            return problems;
        }
        existing(target).or(() -> location(target)).ifPresent(why -> problems.add(line(option, why, written)));
        return problems;
    }

    private static String line(String option, String what, String written) {
        return option + ": " + what + " (" + shorten(written) + "), expected " + EXPECTED;
    }

    /** Places that are never a result directory whatever they hold. */
    private static Optional<String> dangerous(Path target, List<Input> inputs) {
        if (target.getParent() == null) {
            return Optional.of("the file system root");
        }
        Path home = realOrNull(System.getProperty("user.home"));
        if (home != null && home.startsWith(target)) {
            return Optional.of(home.equals(target) ? "the home directory" : "a folder that contains the home directory");
        }
        Path cwd = realOrNull(System.getProperty("user.dir"));
        if (cwd != null && cwd.startsWith(target)) {
            return Optional.of(cwd.equals(target) ? "the working directory" : "a parent of the working directory");
        }
        for (Input input : inputs) {
            Path in = realOrNull(input.path().toString());
            if (in != null && in.equals(target)) {
                return Optional.of("the " + input.what() + " itself");
            }
            if (in != null && in.startsWith(target)) {
                return Optional.of("a folder that contains the " + input.what() + " " + input.path());
            }
        }
        return Optional.empty();
    }

    /** An existing target is acceptable only as a finished result directory of this tool. */
    private static Optional<String> existing(Path target) {
        if (Files.isSymbolicLink(target)) {
            return Optional.of("a symbolic link");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("an existing file");
        }
        return ResultDirectory.whyNot(target).map(why -> "an existing folder that is not a result directory: " + why);
    }

    /** The nearest existing ancestor must be a writable folder on a real file system. */
    private static Optional<String> location(Path target) {
        Path ancestor = target.getParent();
        while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return Optional.of("no existing folder above it");
        }
        if (!Files.isDirectory(ancestor)) {
            return Optional.of("its parent " + ancestor + " is a file");
        }
        if (!Files.isWritable(ancestor)) {
            return Optional.of("cannot create folders in " + ancestor + " (permission denied)");
        }
        try {
            String type = Files.getFileStore(ancestor).type();
            if (PSEUDO_FILE_SYSTEMS.contains(type)) {
                return Optional.of("it would be on the " + type + " kernel file system at " + ancestor);
            }
        } catch (IOException e) {
            return Optional.of("cannot inspect " + ancestor + " (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    /**
     * The absolute path with every symbolic link of its existing part resolved, so that a link or {@code ..}
     * cannot hide the home or working directory.
     */
    static Path real(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        if (Files.isSymbolicLink(absolute)) {
            // keep the link itself as the target (a link is refused, never followed and replaced)
            return real(absolute.getParent()).resolve(absolute.getFileName());
        }
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }

    private static Path realOrNull(String path) {
        try {
            return path == null || path.isEmpty() ? null : real(Path.of(path));
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    /** Keeps a problem line readable when the user passed a very long path. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
