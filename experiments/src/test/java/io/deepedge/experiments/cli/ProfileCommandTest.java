package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code profile}'s refusals: every argument problem at once, exit 2, before any agent starts; and its output rule
 * (a new file or a profile file it wrote, nothing else, never half a file).
 */
class ProfileCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        return new Outcome(code, err.toString());
    }

    @Test
    void badArgumentsAreAllReportedWithExit2() {
        Outcome o = run("profile", "configs/testbed-local.yaml", "--design", "random", "--points", "3",
                "--measure-sec", "0.1", "--replicates", "0");
        assertEquals(2, o.code(), o.err());
        for (String expected : List.of("--local: missing", "--out: missing", "--design: unknown design (random)",
                "--points: out of range (3)", "--measure-sec: out of range (0.1)", "--replicates: out of range (0)")) {
            assertTrue(o.err().contains(expected), expected + " in " + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void moreReplicatesThanFiveAreRefused() {
        Outcome o = run("profile", "configs/testbed-local.yaml", "--local", "--out", dir.resolve("p.yaml").toString(),
                "--replicates", "6");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--replicates: out of range (6)"), o.err());
        assertFalse(Files.exists(dir.resolve("p.yaml")));
    }

    @Test
    void anExistingFileThatIsNoProfileIsNeverReplaced() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.yaml"), "format: mine\nkeep: me\n");
        Outcome o = run("profile", "configs/testbed-local.yaml", "--local", "--out", notes.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--out: exists and is not a profile file written by this tool (" + notes + ")"),
                o.err());
        assertEquals("format: mine\nkeep: me\n", Files.readString(notes));
        Outcome config = run("profile", "configs/testbed-local.yaml", "--local", "--out", "configs/testbed-local.yaml");
        assertEquals(2, config.code(), config.err());
        Outcome folder = run("profile", "configs/testbed-local.yaml", "--local", "--out", dir.toString());
        assertTrue(folder.err().contains("--out: is a folder"), folder.err());
    }

    @Test
    void aProfileFileItWroteIsRecognisedAndReplacedWhole() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "# Deep-Edge profile file (README: Profile files).\nformat: deepedge-profile/1\ndevices: []\n");
        assertTrue(ProfileOutput.writtenByThisTool(file));
        ProfileOutput.write(file, "format: deepedge-profile/1\nnew: text\n");
        assertEquals("format: deepedge-profile/1\nnew: text\n", Files.readString(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList()); // no temporary file left beside it
        }
        Path other = Files.writeString(dir.resolve("o.yaml"), "# a profile?\nformat: deepedge-profile-ish\n");
        assertFalse(ProfileOutput.writtenByThisTool(other));
        Path text = Files.writeString(dir.resolve("t.yaml"), "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nformat: deepedge-profile/1\n");
        assertFalse(ProfileOutput.writtenByThisTool(text)); // too deep to be the header
    }

    @Test
    void aRefitMeasuresNothingAndReportsItsProblemsWithTheOthers() throws Exception {
        Outcome agents = run("profile", "configs/testbed-fidelity.yaml", "--refit",
                "configs/profiles/testbed-fidelity.yaml", "--local", "--out", dir.resolve("r.yaml").toString());
        assertEquals(2, agents.code(), agents.err());
        assertTrue(agents.err().contains("--local: given with --refit (configs/profiles/testbed-fidelity.yaml)"),
                agents.err());
        Outcome missing = run("profile", "configs/testbed-fidelity.yaml", "--refit",
                dir.resolve("none.yaml").toString(), "--points", "3", "--out", dir.resolve("r.yaml").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("none.yaml") && missing.err().contains("--points: out of range (3)")
                && missing.err().contains("--points: given with --refit"), missing.err());
        // how to measure means nothing to a refit: refused, not ignored
        Outcome measuring = run("profile", "configs/testbed-fidelity.yaml", "--refit",
                "configs/profiles/testbed-fidelity.yaml", "--measure-sec", "5", "--design", "factorial", "--out",
                dir.resolve("r.yaml").toString());
        assertEquals(2, measuring.code(), measuring.err());
        assertTrue(measuring.err().contains("--measure-sec: given with --refit")
                && measuring.err().contains("--design: given with --refit"), measuring.err());
        // a profile of another config's devices (one renamed): refused before any fit, naming the device
        Path renamed = Files.writeString(dir.resolve("renamed.yaml"), Files.readString(
                Path.of("configs/profiles/testbed-fidelity.yaml")).replace("- name: big\n", "- name: huge\n"));
        Outcome other = run("profile", "configs/testbed-fidelity.yaml", "--refit", renamed.toString(), "--out",
                dir.resolve("r.yaml").toString());
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("device not in the config (huge)"), other.err());
        for (Outcome o : List.of(agents, missing, measuring, other)) {
            assertFalse(o.err().contains("Exception"), o.err());
        }
        assertFalse(Files.exists(dir.resolve("r.yaml")));
    }

    @Test
    void aRefitKeepsEveryMeasurementAndGivesTheSameFileAgain() throws Exception {
        // the shipped profile (no co-location terms: measured before they were fitted) refitted, then its refit
        // refitted: the fit depends on the measured points and the profile's seed only, so the second is the first
        // byte for byte; every line outside the fitted blocks is the shipped file's
        Path first = dir.resolve("first.yaml");
        Path second = dir.resolve("second.yaml");
        Outcome a = run("profile", "configs/testbed-fidelity.yaml", "--refit", "configs/profiles/testbed-fidelity.yaml",
                "--out", first.toString(), "--quiet");
        assertEquals(0, a.code(), a.err());
        Outcome b = run("profile", "configs/testbed-fidelity.yaml", "--refit", first.toString(), "--out",
                second.toString(), "--quiet");
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(first), Files.readString(second));
        String shipped = Files.readString(Path.of("configs/profiles/testbed-fidelity.yaml"));
        String refitted = Files.readString(first);
        assertTrue(refitted.contains("colocation:"), refitted);
        assertEquals(withoutFittedBlocks(shipped), withoutFittedBlocks(refitted));
    }

    /** A profile file's lines without its {@code colocation} and {@code quotaModelError} blocks. */
    private static List<String> withoutFittedBlocks(String profile) {
        List<String> kept = new java.util.ArrayList<>();
        int skipDeeperThan = -1;
        for (String line : profile.split("\n")) {
            int indent = line.length() - line.stripLeading().length();
            if (skipDeeperThan >= 0 && indent > skipDeeperThan) {
                continue;
            }
            skipDeeperThan = -1;
            String key = line.strip();
            if (key.startsWith("colocation:") || key.startsWith("quotaModelError:")) {
                skipDeeperThan = indent;
                continue;
            }
            kept.add(line);
        }
        return kept;
    }
}
