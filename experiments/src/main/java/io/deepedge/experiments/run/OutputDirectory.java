package io.deepedge.experiments.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A result directory written under a temporary name beside its final place and renamed into place only when
 * complete, so a crashed, interrupted or invalid run never leaves a directory that looks finished.
 *
 * <p>The temporary folder is reserved before the work starts (so a place that cannot be written fails first),
 * carries this process's id in its name ({@code .NAME.incomplete-PID-RANDOM}), and is removed by a shutdown hook
 * on SIGINT/SIGTERM. A temporary folder of a process that no longer runs (killed with SIGKILL, power loss) is
 * removed by the next reservation in the same place. Only entries this tool writes are ever deleted
 * ({@link ResultDirectory}); folders are created with the user's umask.
 */
public final class OutputDirectory implements AutoCloseable {
    private static final Pattern OWN_TEMP = Pattern.compile("\\..+\\.(incomplete|old)-(\\d+)-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final List<Path> createdParents;
    private final Thread cleanupOnSignal;
    private boolean committed;
    private boolean aborted;

    private OutputDirectory(Path target, Path temp, List<Path> createdParents) {
        this.target = target;
        this.temp = temp;
        this.createdParents = createdParents;
        this.cleanupOnSignal = new Thread(this::abort, "deepedge-output-cleanup");
    }

    /**
     * Reserves a temporary folder beside {@code target}, creating missing parent folders (removed again if the
     * run does not finish). Call after {@link OutputTarget#problems} found none.
     *
     * @throws IOException the location cannot take a new folder (read-only, permission, a file in the way)
     */
    public static OutputDirectory reserve(Path target) throws IOException {
        Path absolute = OutputTarget.real(target);
        Path parent = absolute.getParent();
        List<Path> created = createParents(parent);
        try {
            removeStaleTemporaries(parent);
            Path temp = parent.resolve(temporaryName(absolute, "incomplete"));
            Files.createDirectory(temp);
            OutputDirectory dir = new OutputDirectory(absolute, temp, created);
            Runtime.getRuntime().addShutdownHook(dir.cleanupOnSignal);
            return dir;
        } catch (IOException | RuntimeException e) {
            removeEmpty(created);
            throw e;
        }
    }

    /**
     * The temporary folders that {@code target}'s earlier commands left with a resumable testbed state (their
     * process has ended: SIGKILL, power loss), newest first.
     */
    public static List<Path> resumable(Path target) throws IOException {
        Path absolute = OutputTarget.real(target);
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(absolute.getParent())) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(absolute.getParent(),
                "." + absolute.getFileName() + ".incomplete-*")) {
            for (Path p : entries) {
                Matcher m = OWN_TEMP.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals("incomplete") && !running(m.group(2))
                        && Files.isRegularFile(p.resolve(TestbedResume.DIR).resolve(TestbedResume.STATE),
                        LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                }
            }
        }
        found.sort(java.util.Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p.resolve(TestbedResume.DIR).resolve(TestbedResume.STATE));
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }).reversed());
        return found;
    }

    /** Takes over {@code stale} (one of {@link #resumable}) as this process's temporary folder for {@code target}. */
    public static OutputDirectory adopt(Path target, Path stale) throws IOException {
        Path absolute = OutputTarget.real(target);
        Path temp = absolute.getParent().resolve(temporaryName(absolute, "incomplete"));
        // an atomic rename: of two commands resuming the same state, one gets it
        move(stale, temp);
        OutputDirectory dir = new OutputDirectory(absolute, temp, List.of());
        Runtime.getRuntime().addShutdownHook(dir.cleanupOnSignal);
        return dir;
    }

    /** Removes the resumable states {@code target}'s killed commands left (a new run replaces them). */
    public static void removeResumable(Path target) {
        try {
            resumable(target).forEach(OutputDirectory::deleteToolTree);
        } catch (IOException | RuntimeException e) {
            // what cannot be removed now stays for --resume or the next run
        }
    }

    /** Where to write while the run is in progress. */
    public Path path() {
        return temp;
    }

    /**
     * Puts the completed folder in place. A previous result directory at the target is replaced; anything else
     * that appeared there since the checks is left alone and the commit fails.
     */
    public synchronized Path commit() throws IOException {
        if (aborted) {
            throw new IOException("interrupted before the results were complete");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Optional<String> why = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                    ? ResultDirectory.whyNot(target) : Optional.of("an existing file");
            if (why.isPresent()) {
                throw new IOException("refusing to replace " + target + ": " + why.get() + " appeared while running");
            }
            Path old = target.resolveSibling(temporaryName(target, "old"));
            move(target, old);
            move(temp, target);
            deleteToolTree(old);
        } else {
            move(temp, target);
        }
        committed = true;
        return target;
    }

    @Override
    public synchronized void close() {
        if (!committed) {
            deleteToolTree(temp);
            removeEmpty(createdParents);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnSignal);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it does the same cleanup
        }
    }

    /** On SIGINT/SIGTERM: the results are incomplete, remove them. Writers may still be adding files, so retry. */
    private synchronized void abort() {
        if (committed) {
            return;
        }
        aborted = true;
        for (int attempt = 0; attempt < 20 && Files.exists(temp, LinkOption.NOFOLLOW_LINKS); attempt++) {
            deleteToolTree(temp);
            if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                sleepQuietly(25);
            }
        }
        removeEmpty(createdParents);
    }

    private static List<Path> createParents(Path parent) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        List<Path> created = new ArrayList<>();
        try {
            for (Path p : missing) {
                Files.createDirectory(p);
                created.add(p);
            }
        } catch (IOException e) {
            removeEmpty(created);
            throw e;
        }
        return created;
    }

    /** Removes folders this run created, deepest first, as long as they are empty. */
    private static void removeEmpty(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException notEmpty) {
                return;
            }
        }
    }

    /** Temporary folders of this tool's naming in {@code parent} whose process has ended. */
    static void removeStaleTemporaries(Path parent) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*")) {
            for (Path p : entries) {
                Matcher m = OWN_TEMP.matcher(p.getFileName().toString());
                // a testbed run killed outright left a state to continue from (--resume): kept for that
                if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !running(m.group(2))
                        && !Files.exists(p.resolve(TestbedResume.DIR), LinkOption.NOFOLLOW_LINKS)) {
                    deleteToolTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up after others is a courtesy; it must never stop this run
        }
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String temporaryName(Path target, String kind) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return "." + target.getFileName() + "." + kind + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(random);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Deletes the entries this tool writes in {@code dir} and then {@code dir} if that left it empty; anything
     * else stays where it is.
     */
    static void deleteToolTree(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        TestbedResume.deleteTree(dir.resolve(TestbedResume.DIR));
        List<String> foreign = ResultDirectory.foreignEntries(dir);
        for (String name : ResultDirectory.FILES) {
            deleteQuietly(dir.resolve(name));
        }
        Path plots = dir.resolve(ResultDirectory.PLOTS);
        if (Files.isDirectory(plots, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> images = Files.newDirectoryStream(plots)) {
                for (Path image : images) {
                    if (!foreign.contains(ResultDirectory.PLOTS + "/" + image.getFileName())) {
                        deleteQuietly(image);
                    }
                }
            } catch (IOException e) {
                // left in place: the folder is not empty and stays
            }
            deleteQuietly(plots);
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // not empty or not ours to remove: leave it
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
