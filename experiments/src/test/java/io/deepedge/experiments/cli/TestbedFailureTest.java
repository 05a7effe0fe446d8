package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device agent killed (SIGKILL) while it trains, by the config's {@code failures} entry: the coordinator notices
 * (heartbeat timeout or the failed gradient call), rolls back to its last checkpoint, re-plans without the device
 * and finishes, every sample trained exactly {@code epochs} times; the killed agent is started again and nothing
 * is left behind.
 */
class TestbedFailureTest {
    private static final long SAMPLES = 320;
    private static final long EPOCHS = 20;

    @Test
    void aKilledTrainingAgentCostsWorkButNoSample(@TempDir Path tmp) throws Exception {
        Path config = Path.of("src/test/resources/testbed/tiny-failure.yaml");
        Path out = tmp.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"testbed", config.toString(), "--local", "--rehearsals", "0", "--out",
                out.toString()},
                new PrintWriter(o), new PrintWriter(e));
        assertEquals(0, code, "stdout:\n" + o + "\nstderr:\n" + e);

        List<Map<String, String>> runs = RecordFiles.rows(out.resolve("runs.csv"));
        assertEquals(1, runs.size());
        Map<String, String> r = runs.get(0);
        assertTrue(r.get("plan").contains("b:"), "the killed device trains in the first plan: " + r);
        assertEquals("true", r.get("finished"), r.toString());
        assertEquals(String.valueOf(SAMPLES * EPOCHS), r.get("samples_trained"), "samples conserved: " + r);
        assertEquals("1", r.get("failures"), r.toString());
        assertTrue(Double.parseDouble(r.get("work_lost_sec")) > 0, "a rollback loses work: " + r);
        assertTrue(Integer.parseInt(r.get("replans")) >= 1, "the policy re-planned without b: " + r);

        assertEquals(List.of(), TestbedEndToEndTest.agentProcesses(), "no agent process remains");
        assertEquals(List.of(), TestbedEndToEndTest.runCgroups(), "no cgroup of this launcher remains");
    }
}
