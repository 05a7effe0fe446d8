package io.deepedge.experiments.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rehearsal's checkpoints live in the command's own hidden folder: emptied before a rehearsal, removed after it,
 * and removed with the rest when the command is interrupted; nothing else there is ever deleted.
 */
class TestbedResumeRehearsalTest {
    private static final Map<String, Object> IDENTITY = Map.of("configText", "name: x", "seed", 7, "replications", 1,
            "policies", "[deep-edge]");

    @Test
    void aRehearsalsCheckpointsGoAfterItAndALeftoverIsEmptiedFirst(@TempDir Path tmp) throws Exception {
        try (OutputDirectory out = OutputDirectory.reserve(tmp.resolve("out"))) {
            TestbedResume state = TestbedResume.create(out.path(), IDENTITY);
            Path rehearsal = state.rehearsalDir();
            Files.writeString(rehearsal.resolve("checkpoint.bin"), "round 3");
            state.endRehearsal();
            assertFalse(Files.exists(rehearsal), "removed after the rehearsal");

            // a killed command's rehearsal left a checkpoint: the next rehearsal starts from an empty folder
            Files.createDirectories(rehearsal);
            Files.writeString(rehearsal.resolve("checkpoint.bin"), "round 9 of another command");
            Files.writeString(rehearsal.resolve("checkpoint.bin.tmp"), "half");
            try (Stream<Path> left = Files.list(state.rehearsalDir())) {
                assertEquals(0, left.count());
            }

            // a file the tool did not write stays, and so does the folder holding it
            Files.writeString(rehearsal.resolve("notes.txt"), "mine");
            state.endRehearsal();
            assertEquals("mine", Files.readString(rehearsal.resolve("notes.txt")));
            Files.delete(rehearsal.resolve("notes.txt"));
            state.endRehearsal();
            assertFalse(Files.exists(rehearsal));
        }
    }

    @Test
    void anInterruptedCommandLeavesNoRehearsalBehind(@TempDir Path tmp) throws Exception {
        Path temp;
        try (OutputDirectory out = OutputDirectory.reserve(tmp.resolve("out"))) {
            temp = out.path();
            TestbedResume state = TestbedResume.create(out.path(), IDENTITY);
            Files.writeString(state.rehearsalDir().resolve("checkpoint.bin"), "round 3");
            // not committed: the command ends here as on a failure or Ctrl-C
        }
        assertFalse(Files.exists(temp), "the command's hidden folder, its rehearsal included, is gone");
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.findAny().isEmpty(), "nothing left beside --out");
        }
    }
}
