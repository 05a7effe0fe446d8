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
}
