package io.deepedge.hw.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local run's temporary folder ({@code deepedge-local-p<launcher pid>-<run id>-*}, mode 0700): the token, the
 * agents' port files and, unless kept elsewhere, their logs. A launcher killed outright cannot remove it; the next
 * start in the same parent folder does.
 */
final class RunFolders {
    static final String PREFIX = "deepedge-local-p";
    private static final Pattern FOLDER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    /**
     * What a run folder holds: the token, port files (and their temporary names), agent logs, the testbed's host-speed
     * probe's log ({@link HostProbeProcess}).
     */
    private static final Pattern FILE = Pattern.compile(
            "agent\\.token(\\..*\\.partial)?|.*\\.port(.*\\.partial)?|agent-.*\\.log|host-probe\\.log");
    private static final System.Logger LOG = System.getLogger(RunFolders.class.getName());

    private RunFolders() {
    }

    static Path create(Path parent, String runId) throws IOException {
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-" + runId + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Removes the run folders killed launchers left: only folders named like {@link #create} names them, whose
     * launcher pid is not running, and that hold nothing but a run's files. Returns how many went.
     */
    static int sweepStale(Path parent) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))) {
            for (Path dir : dirs) {
                Matcher m = FOLDER.matcher(dir.getFileName().toString());
                if (m.matches() && !launcherAlive(m.group(1)) && onlyRunFiles(dir)) {
                    deleteTree(dir);
                    removed++;
                    LOG.log(System.Logger.Level.INFO, "removed {0}, left by a launcher that was killed", dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to sweep here
        }
        return removed;
    }

    /** Removes a run folder (it holds only what a cluster wrote: the token, ports, logs). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove {0}: {1}", dir, e.getMessage());
        }
    }

    private static boolean onlyRunFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || !FILE.matcher(f.getFileName().toString()).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean launcherAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }
}
