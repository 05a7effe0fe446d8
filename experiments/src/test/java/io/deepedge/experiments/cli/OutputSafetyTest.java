package io.deepedge.experiments.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tool never replaces or deletes what it did not write: every dangerous --out / merge OUT target is refused
 * with exit 2 before any work, and every byte in the working folder stays as it was.
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;
    private Path work;
    private Path config;

    @BeforeEach
    void markers() throws IOException {
        work = Files.createDirectories(tmp.resolve("work"));
        config = work.resolve("exp.yaml");
        Files.writeString(config, CliTest.CONFIG.replace("replications: 3", "replications: 1"));
        Files.writeString(work.resolve("marker.txt"), "the user's own file");
        Files.createDirectories(work.resolve("notes"));
        Files.writeString(work.resolve("notes/todo.txt"), "the user's own folder");
        Files.writeString(work.resolve("plain-file"), "a file");
    }

    /** Every path under {@code root} with its bytes, to compare before and after. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                        : Files.size(p) + " bytes, hash " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private CliTest.Outcome inWork(String... args) {
        String previous = System.getProperty("user.dir");
        System.setProperty("user.dir", work.toString());
        try {
            return cli(args);
        } finally {
            System.setProperty("user.dir", previous);
        }
    }

    @ParameterizedTest(name = "--out [{0}]")
    @ValueSource(strings = {"", " ", ".", "..", "./", "WORK", "TMP", "/", "HOME", "plain-file", "exp.yaml", "notes",
            "notes/../.", "WORK/../work"})
    void dangerousTargetsAreRefusedAndNothingChanges(String written) throws IOException {
        String target = written.replace("WORK", work.toString()).replace("TMP", tmp.toString())
                .replace("HOME", System.getProperty("user.home"));
        // relative targets are meant relative to the working folder: resolve them the way the shell would
        String out = target.isBlank() || target.startsWith("/") ? target : work.resolve(target).toString();
        Map<String, String> before = snapshot(work);
        CliTest.Outcome o = inWork("simulate", config.toString(), "--out", out, "--quiet");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("--out: "), o.err());
        assertTrue(o.err().contains("expected a path to a new folder"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertEquals(before, snapshot(work));
    }

    @Test
    void aFolderHoldingTheConfigOrATraceIsRefused() throws IOException {
        Path traceDir = Files.createDirectories(tmp.resolve("traces"));
        Files.writeString(traceDir.resolve("t.csv"), "time_sec\n0.5\n1.5\n");
        Path cfg = tmp.resolve("traced.yaml");
        Files.writeString(cfg, CliTest.CONFIG.replace("poisson: { ratePerSec: 5 }", "trace: traces/t.csv"));
        CliTest.Outcome o = cli("simulate", cfg.toString(), "--out", traceDir.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("a folder that contains the trace file"), o.err());
        CliTest.Outcome self = cli("simulate", cfg.toString(), "--out", tmp.resolve("traces/t.csv").toString());
        assertTrue(self.err().contains("the trace file itself"), self.err());
        assertEquals("time_sec\n0.5\n1.5\n", Files.readString(traceDir.resolve("t.csv")));
    }

    @Test
    void aPreviousResultDirectoryIsReplacedButNotOnceTheUserAddedAFile() throws IOException {
        Path out = work.resolve("results");
        assertEquals(0, cli("simulate", config.toString(), "--out", out.toString(), "--quiet").code());
        String firstManifest = Files.readString(out.resolve("manifest.json"));
        CliTest.Outcome again = cli("simulate", config.toString(), "--out", out.toString(), "--quiet", "--seed", "9");
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"seed\" : 9"));
        assertFalse(firstManifest.contains("\"seed\" : 9"));

        Files.writeString(out.resolve("my-analysis.txt"), "mine");
        Map<String, String> before = snapshot(out);
        CliTest.Outcome refused = cli("simulate", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("my-analysis.txt"), refused.err());
        assertEquals(before, snapshot(out));
    }

    @Test
    void aFolderWithAForeignManifestIsNotAResultDirectory() throws IOException {
        Path fake = Files.createDirectories(work.resolve("fake"));
        Files.writeString(fake.resolve("manifest.json"), "{\"experiment\": \"x\"}");
        Files.writeString(fake.resolve("runs.csv"), "mine\n");
        CliTest.Outcome o = cli("simulate", config.toString(), "--out", fake.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("not written by this tool"), o.err());
        assertEquals("mine\n", Files.readString(fake.resolve("runs.csv")));
    }

    @Test
    void aSymbolicLinkIsNeverFollowedAndReplaced() throws IOException {
        Path results = work.resolve("results");
        assertEquals(0, cli("simulate", config.toString(), "--out", results.toString(), "--quiet").code());
        Path link = Files.createSymbolicLink(work.resolve("link"), results);
        CliTest.Outcome o = cli("simulate", config.toString(), "--out", link.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("symbolic link"), o.err());
        Path homeLink = Files.createSymbolicLink(work.resolve("home-link"), Path.of(System.getProperty("user.home")));
        CliTest.Outcome viaLink = cli("simulate", config.toString(), "--out", homeLink.resolve("x/..").toString());
        assertEquals(2, viaLink.code(), viaLink.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/proc/deepedge-out", "/sys/deepedge-out", "PARENT-IS-FILE"})
    void anUnwritableLocationFailsBeforeTheWork(String written) throws IOException {
        String out = written.replace("PARENT-IS-FILE", work.resolve("plain-file/sub/out").toString());
        Map<String, String> before = snapshot(work);
        CliTest.Outcome o = cli("simulate", config.toString(), "--out", out, "--quiet");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("--out: "), o.err());
        assertFalse(o.out().contains("simulated"), "no run may start: " + o.out());
        assertEquals(before, snapshot(work));
    }

    @Test
    void aReadOnlyLocationFailsBeforeTheWorkAndLeavesNoFolder() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // permissions do not stop root; a read-only file system does
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", locked.toString())
                    .redirectErrorStream(true).start();
            assumeTrue(mount.waitFor() == 0, "cannot mount a read-only tmpfs here");
        } else {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            CliTest.Outcome o = cli("simulate", config.toString(), "--out", locked.resolve("a/b/out").toString(), "--quiet");
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().startsWith("--out: "), o.err());
            assertFalse(o.out().contains("simulated"), o.out());
            try (Stream<Path> left = Files.list(locked)) {
                assertEquals(0, left.count());
            }
        } finally {
            if (root) {
                new ProcessBuilder("umount", locked.toString()).start().waitFor();
            } else {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void aFailedRunRemovesTheParentFoldersItCreated() throws IOException {
        // a shard that is not a result directory fails merge before it creates anything
        Path deep = tmp.resolve("new/deeper/merged");
        CliTest.Outcome o = cli("merge", deep.toString(), work.resolve("notes").toString());
        assertEquals(2, o.code(), o.err());
        assertFalse(Files.exists(tmp.resolve("new")));
    }

    @Test
    void resultFoldersGetOrdinaryPermissions() throws IOException {
        Path out = work.resolve("results");
        assertEquals(0, cli("simulate", config.toString(), "--out", out.toString(), "--quiet").code());
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(out));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(work)), mode,
                "a result folder is created like any folder of the user (umask), not 0700");
    }

    @Test
    void staleTemporaryFoldersOfEndedRunsAreRemovedOthersStay() throws IOException {
        Path deadRun = Files.createDirectories(work.resolve(".results.incomplete-999999999-0badc0de"));
        Files.writeString(deadRun.resolve("runs.csv"), "half");
        Path deadOld = Files.createDirectories(work.resolve(".results.old-999999998-0badc0de"));
        Files.writeString(deadOld.resolve("summary.csv"), "old");
        Path live = Files.createDirectories(work.resolve(".results.incomplete-" + ProcessHandle.current().pid() + "-12345678"));
        Path foreign = Files.createDirectories(work.resolve(".other.incomplete-999999997-abcdef01"));
        Files.writeString(foreign.resolve("thesis.tex"), "not the tool's");
        assertEquals(0, cli("simulate", config.toString(), "--out", work.resolve("results").toString(), "--quiet").code());
        assertFalse(Files.exists(deadRun));
        assertFalse(Files.exists(deadOld));
        assertTrue(Files.exists(live), "a running process's folder is not stale");
        assertEquals("not the tool's", Files.readString(foreign.resolve("thesis.tex")));
    }

    @Test
    void argumentProblemsAreReportedTogetherWithConfigProblems() throws IOException {
        Files.writeString(config, CliTest.CONFIG.replace("ratePerSec: 5", "ratePerSec: -5"));
        CliTest.Outcome o = cli("simulate", config.toString(), "--seed", "99999999999999999999", "--threads", "x",
                "--bogus", "--replications", "0", "--out", "");
        assertEquals(2, o.code(), o.err());
        List<String> lines = o.err().lines().toList();
        for (String expected : List.of("--seed: not a whole number in range (99999999999999999999)",
                "--threads: not a whole number in range (x)", "--bogus: unknown option (--bogus)",
                "--replications: must be between 1 and 10000 (0)", "services[0].arrivals.poisson.ratePerSec",
                "--out: an empty path")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(expected)), expected + " in:\n" + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void versionOnEveryCommand() {
        for (List<String> command : List.of(List.of("--version"), List.of("simulate", "--version"),
                List.of("merge", "-V"), List.of("report", "--version"), List.of("trace", "synth", "--version"),
                List.of("policies", "-V"), List.of("devices", "--version"))) {
            CliTest.Outcome o = cli(command.toArray(String[]::new));
            assertEquals(0, o.code(), command + o.err());
            assertTrue(o.out().startsWith("deepedge "), command + ": " + o.out());
        }
    }
}
