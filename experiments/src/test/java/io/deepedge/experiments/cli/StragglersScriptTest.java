package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiments/fidelity/stragglers.py} on hand-made files: the device the rounds wait for is the one with the
 * least barrier time on each side, a one-device plan has none, and the testbed's straggler's calls are averaged from
 * rounds.csv by hand below.
 */
class StragglersScriptTest {
    private static final String TIMELINE = "policy,device,state,sim_sec,real_sec,diff_sec,rel_diff,replications,"
            + "largest_in_cell,rate\n";
    private static final String ROUNDS = "policy,replication,round,device,samples,call_ms,params_encode_ms,"
            + "transport_ms,params_decode_ms,compute_ms,gradient_encode_ms,agent_handler_ms,gradient_decode_ms,"
            + "compute_cpu_ms,agent_handler_cpu_ms,rate\n";

    @TempDir
    Path dir;

    /** A device's barrier and compute+sync seconds, twin then testbed (the other columns do not matter here). */
    private static String device(String policy, String device, double simBarrier, double realBarrier, double simBusy,
                                 double realBusy, String rate) {
        return policy + "," + device + ",barrier," + simBarrier + "," + realBarrier + ",0,0,1,false," + rate + "\n"
                + policy + "," + device + ",compute+sync," + simBusy + "," + realBusy + ",0,0,1,false," + rate + "\n"
                + policy + "," + device + ",sync,0.1,0.2,0,0,1,false," + rate + "\n";
    }

    private static String call(String policy, String device, String call, String transport, String compute,
                               String rate) {
        // the CPU columns after gradient_decode_ms (testbed's rounds.csv since 2026-12-05) hold values a grid point
        // must not be read from
        return policy + ",0,0," + device + ",8," + call + ",0.2," + transport + ",0.2," + compute + ",0.2,1,0.2,55.5,60,"
                + rate + "\n";
    }

    private static FidelityScript run(String... args) throws IOException, InterruptedException {
        return FidelityScript.run("stragglers.py", args);
    }

    @Test
    void eachSideWaitsForItsDeviceWithTheLeastBarrierAndTheTestbedsCallsAreAveraged() throws Exception {
        Path timeline = Files.writeString(dir.resolve("validation-timeline.csv"), TIMELINE
                // at 10 req/s: the twin's small waited 1.4 s, big 0.0; the testbed's small 0.3 s, big 1.9: they differ
                + device("tp", "big", 0.0, 1.9, 4.7, 4.3, "10")
                + device("tp", "small", 1.4, 0.3, 3.5, 5.5, "10")
                // at 20 req/s both wait for mid; a one-device plan (deep-edge) has no round to wait in
                + device("tp", "big", 0.5, 0.6, 4.0, 4.1, "20")
                + device("tp", "mid", 0.1, 0.2, 4.4, 4.5, "20")
                + device("de", "big", 0.0, 0.0, 4.0, 4.1, "20")
                // at 30 req/s big never waited on either side, so it has no barrier row: both wait for it
                + "tp,big,compute+sync,6.0,6.5,0,0,1,false,30\n"
                + device("tp", "mid", 0.2, 0.3, 3.0, 3.2, "30"));
        // small's calls at 10 req/s: (200 + 300) / 2 = 250 ms, compute (150 + 190) / 2 = 170, transport (40 + 80) / 2
        // = 60; a call of an older agent without its parts is counted apart; big's and the other rate's not averaged in
        Path rounds = Files.writeString(dir.resolve("rounds.csv"), ROUNDS
                + call("tp", "small", "200", "40", "150", "10")
                + call("tp", "small", "300", "80", "190", "10")
                + call("tp", "small", "", "", "", "10")
                + call("tp", "big", "999", "999", "999", "10")
                + call("tp", "small", "999", "999", "999", "20"));
        FidelityScript r = run(timeline.toString(), rounds.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("| ")).toList();
        assertEquals(List.of(
                "| grid point | policy | twin waits for | testbed waits for | each device's compute+sync, twin /"
                        + " testbed (s) | the testbed's straggler: call / compute / transport (ms) |",
                "| --- | --- | --- | --- | --- | --- |",
                "| 10 | tp | big | small (differs) | big 4.70 / 4.30, small 3.50 / 5.50 | 250 / 170 / 60 (1 of its"
                        + " calls without parts) |",
                "| 20 | tp | mid | mid | big 4.00 / 4.10, mid 4.40 / 4.50 | n/a (no calls) |",
                "| 30 | tp | big | big | big 6.00 / 6.50, mid 3.00 / 3.20 | n/a (no calls) |"), rows);

        FidelityScript withoutRounds = run(timeline.toString());
        assertEquals(0, withoutRounds.exit(), withoutRounds.err());
        assertTrue(withoutRounds.out().contains(
                "| 10 | tp | big | small (differs) | big 4.70 / 4.30, small 3.50 / 5.50 |\n"), withoutRounds.out());
        assertFalse(withoutRounds.out().contains("call / compute"), withoutRounds.out());
    }

    @Test
    void aMissingFileAndAFileWithoutTheColumnsExitTwoNamingThem() throws Exception {
        FidelityScript missing = run(dir.resolve("nowhere.csv").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nowhere.csv"), missing.err());
        assertFalse(missing.err().contains("Traceback"), missing.err());

        Path wrong = Files.writeString(dir.resolve("runs.csv"), "policy,replication\ntp,0\n");
        FidelityScript columns = run(wrong.toString());
        assertEquals(2, columns.exit());
        assertTrue(columns.err().contains("no column device, state, sim_sec, real_sec, largest_in_cell"),
                columns.err());
        assertEquals(2, run().exit());

        // a rounds.csv without the timeline's swept column cannot be matched to its grid points
        Path timeline = Files.writeString(dir.resolve("validation-timeline.csv"), TIMELINE
                + device("tp", "big", 0.0, 1.9, 4.7, 4.3, "10") + device("tp", "small", 1.4, 0.3, 3.5, 5.5, "10"));
        Path unswept = Files.writeString(dir.resolve("rounds.csv"), ROUNDS.replace(",rate\n", "\n"));
        FidelityScript noRate = run(timeline.toString(), unswept.toString());
        assertEquals(2, noRate.exit());
        assertTrue(noRate.err().contains("no column rate"), noRate.err());
        assertFalse(noRate.err().contains("Traceback"), noRate.err());
    }
}
