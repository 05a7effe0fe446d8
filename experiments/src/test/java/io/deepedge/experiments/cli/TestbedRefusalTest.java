package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What testbed refuses before any work (exit 2, one line per problem, nothing written). */
class TestbedRefusalTest {
    @Test
    void stochasticFailuresAnOutBesideResumeTooManyRehearsalsAndAnUnknownOrderAreRefusedTogether(@TempDir Path tmp)
            throws Exception {
        String tiny = Files.readString(Path.of("src/test/resources/testbed/tiny.yaml"));
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, tiny.replace("    testbed: { cpus: 0.5 }",
                "    testbed: { cpus: 0.5 }\n    reliability: { mtbfSec: 100, mttrSec: 10 }"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"testbed", config.toString(), "--local", "--out", tmp.resolve("a").toString(),
                "--resume", tmp.resolve("b").toString(), "--rehearsals", "4", "--order", "random"}, new PrintWriter(o),
                new PrintWriter(e));
        assertEquals(2, code, e.toString());
        assertTrue(e.toString().contains("reliability: stochastic failures (mtbfSec/mttrSec) are not supported by "
                + "testbed (b)"), e.toString());
        assertTrue(e.toString().contains("--out: names another folder than --resume"), e.toString());
        assertTrue(e.toString().contains("--rehearsals: must be between 0 and 3 (4)"), e.toString());
        assertTrue(e.toString().contains("--order: is not a run order (random)"), e.toString());
        assertFalse(e.toString().contains("Exception"), e.toString());
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "nothing written beside the config");
        }
    }
}
