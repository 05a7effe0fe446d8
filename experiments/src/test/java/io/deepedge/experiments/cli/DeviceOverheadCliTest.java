package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.cli.CliTest.CONFIG;
import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device's own work figures through {@code simulate}: bad values refused before any work, exit 2, all at once. */
class DeviceOverheadCliTest {
    @TempDir
    Path tmp;

    @Test
    void badOverheadFiguresAreRefusedWithExitTwoAndNothingWritten() throws IOException {
        String from = "memoryMiB: 8192,";
        assertTrue(CONFIG.contains(from));
        Path config = Files.writeString(tmp.resolve("exp.yaml"),
                CONFIG.replace(from, from + " roundOverheadMs: -3, shardLoadMsPerSample: [1],"));
        Path out = tmp.resolve("never");
        CliTest.Outcome o = cli("simulate", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of(
                config + ":9: devices[2].profile.roundOverheadMs: must not be negative (-3), expected a number in [0, 1e5]",
                config + ":9: devices[2].profile.shardLoadMsPerSample: must be a single value (a list), expected a number in"
                        + " [0, 1e5]"), o.err().lines().toList());
        assertFalse(Files.exists(out));
    }
}
