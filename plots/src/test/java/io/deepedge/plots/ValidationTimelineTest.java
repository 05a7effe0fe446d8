package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate's comparison of the two sides' training timelines on hand-made timeline.csv files, every expected value
 * summed here by hand from the intervals written.
 */
class ValidationTimelineTest {
    private static final double EPS = 1e-9;
    private static final String HEADER = "policy,replication,device,state,from_sec,to_sec\n";

    @TempDir
    Path tmp;

    /** Both sides with the runs validate needs, and the given timelines (null: no timeline.csv). */
    private Validation validate(String simTimeline, String realTimeline) throws IOException {
        Path sim = Files.createDirectories(tmp.resolve("sim"));
        Path real = Files.createDirectories(tmp.resolve("real"));
        new ResultFixture().run("a", 0, 10.0, 0.1, 100).run("a", 1, 12.0, 0.1, 100)
                .service("a", 0, "det", "d1", true, 100, 10, 50).writeTo(sim);
        new ResultFixture().run("a", 0, 9.0, 0.1, 100).run("a", 1, 11.0, 0.1, 100)
                .service("a", 0, "det", "d1", true, 100, 10, 40).writeTo(real);
        if (simTimeline != null) {
            Files.writeString(sim.resolve("timeline.csv"), simTimeline, StandardCharsets.UTF_8);
        }
        if (realTimeline != null) {
            Files.writeString(real.resolve("timeline.csv"), realTimeline, StandardCharsets.UTF_8);
        }
        return Validation.read(sim, real);
    }

    private static ValidationTimeline.Row row(ValidationTimeline t, String device, String state) {
        return t.rows().stream().filter(r -> r.device().equals(device) && r.state().equals(state)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + device + " " + state));
    }

    /**
     * Two devices, two rounds. Simulated: d1 transfer 0-1, compute 1-3 and 3.5-5.5 (4 s), sync 3-3.5 (0.5 s), idle
     * 5.5-6; d2 transfer 0-1, compute 1-2 and 3.5-4 (1.5 s), barrier 2-3 and 4-5.5 (2.5 s), sync 3-3.5 and 5.5-6
     * (1 s). Real: d1 transfer 0-1.5, compute 1.5-4 (2.5 s), sync 4-5 (1 s), compute 5-7 (2 s); d2 transfer 0-1.5,
     * compute 1.5-2.5, barrier 2.5-5, sync 5-5.5, failed 5.5-7.
     */
    private static final String SIM = HEADER
            + "a,0,d1,transfer,0,1\na,0,d1,compute,1,3\na,0,d1,sync,3,3.5\na,0,d1,compute,3.5,5.5\na,0,d1,idle,5.5,6\n"
            + "a,0,d2,transfer,0,1\na,0,d2,compute,1,2\na,0,d2,barrier,2,3\na,0,d2,sync,3,3.5\na,0,d2,compute,3.5,4\n"
            + "a,0,d2,barrier,4,5.5\na,0,d2,sync,5.5,6\n";
    private static final String REAL = HEADER
            + "a,0,d1,transfer,0,1.5\na,0,d1,compute,1.5,4\na,0,d1,sync,4,5\na,0,d1,compute,5,7\n"
            + "a,0,d2,transfer,0,1.5\na,0,d2,compute,1.5,2.5\na,0,d2,barrier,2.5,5\na,0,d2,sync,5,5.5\n"
            + "a,0,d2,failed,5.5,7\n";

    @Test
    void eachDevicesSecondsPerStateAreSummedAndSubtracted() throws IOException {
        ValidationTimeline t = validate(SIM, REAL).timeline().orElseThrow();
        ValidationTimeline.Row compute = row(t, "d1", "compute");
        assertEquals(4.0, compute.simSec(), EPS);
        assertEquals(4.5, compute.realSec(), EPS);
        assertEquals(-0.5, compute.diffSec(), EPS);
        assertEquals(-0.5 / 4.5, compute.relDiff(), EPS);
        assertEquals(1, compute.replications());
        ValidationTimeline.Row both = row(t, "d1", ValidationTimeline.COMPUTE_AND_SYNC);
        assertEquals(4.5, both.simSec(), EPS);
        assertEquals(5.5, both.realSec(), EPS);
        assertEquals(0.5, row(t, "d1", "idle").simSec(), EPS);
        assertEquals(0.0, row(t, "d1", "idle").realSec(), EPS);
        assertTrue(Double.isNaN(row(t, "d1", "idle").relDiff()), "no real time: no relative difference");
        assertEquals(2.5, row(t, "d2", "barrier").simSec(), EPS);
        assertEquals(2.5, row(t, "d2", "barrier").realSec(), EPS);
        assertEquals(1.0, row(t, "d2", "sync").simSec(), EPS);
        assertEquals(0.5, row(t, "d2", "sync").realSec(), EPS);
        assertEquals(0.0, row(t, "d2", "failed").simSec(), EPS);
        assertEquals(1.5, row(t, "d2", "failed").realSec(), EPS);
        // states in a job's order, compute+sync right after sync; a state neither side has (d1 barrier) is left out
        assertEquals(List.of("transfer", "compute", "sync", "compute+sync", "idle"),
                t.rows().stream().filter(r -> r.device().equals("d1")).map(ValidationTimeline.Row::state).toList());
        assertEquals(List.of("transfer", "compute", "sync", "compute+sync", "barrier", "failed"),
                t.rows().stream().filter(r -> r.device().equals("d2")).map(ValidationTimeline.Row::state).toList());
    }

    @Test
    void theLargestDifferenceOfACellIsNamed() throws IOException {
        ValidationTimeline t = validate(SIM, REAL).timeline().orElseThrow();
        // diff_sec (compute and sync counted as their sum, barrier and idle not at all): d1 transfer 1 - 1.5 = -0.5,
        // compute+sync 4.5 - 5.5 = -1; d2 transfer -0.5, compute+sync (1.5 + 1) - (1 + 0.5) = +1, failed 0 - 1.5 =
        // -1.5: the largest
        List<ValidationTimeline.Row> largest = t.largestPerCell();
        assertEquals(1, largest.size());
        assertEquals("d2", largest.get(0).device());
        assertEquals("failed", largest.get(0).state());
        assertEquals(-1.5, largest.get(0).diffSec(), EPS);
        // without the failure d1's compute+sync (-1) is the largest: d2's barrier would be -2 here, but a barrier
        // only waits for other devices' work
        String realNoFailure = REAL.replace("a,0,d2,failed,5.5,7\n", "a,0,d2,barrier,5.5,7\n");
        ValidationTimeline.Row noFailure = validate(SIM, realNoFailure).timeline().orElseThrow().largestPerCell()
                .get(0);
        assertEquals("d1", noFailure.device());
        assertEquals(ValidationTimeline.COMPUTE_AND_SYNC, noFailure.state());
        assertEquals(-1.0, noFailure.diffSec(), EPS);
    }

    @Test
    void onlyReplicationsBothSidesRecordedAreCompared() throws IOException {
        // the simulated side also has replication 1 (d1 computing 10 s): the real side has none, so it is left out
        ValidationTimeline t = validate(SIM + "a,1,d1,compute,0,10\n", REAL).timeline().orElseThrow();
        assertEquals(4.0, row(t, "d1", "compute").simSec(), EPS);
        assertEquals(1, row(t, "d1", "compute").replications());
        // with replication 1 on both sides each device's seconds are the mean over the two
        ValidationTimeline both = validate(SIM + "a,1,d1,compute,0,10\n", REAL + "a,1,d1,compute,0,6.5\n")
                .timeline().orElseThrow();
        assertEquals((4.0 + 10) / 2, row(both, "d1", "compute").simSec(), EPS);
        assertEquals((4.5 + 6.5) / 2, row(both, "d1", "compute").realSec(), EPS);
        assertEquals(2, row(both, "d1", "compute").replications());
    }

    @Test
    void aSideWithoutTimelinesGivesNoComparisonAndNoFile() throws IOException {
        Validation v = validate(SIM, null);
        assertTrue(v.timeline().isEmpty());
        Path out = Files.createDirectory(tmp.resolve("out"));
        String html = Files.readString(v.write(out, "x", "s", "r"), StandardCharsets.UTF_8);
        assertFalse(Files.exists(out.resolve(ValidationTimeline.FILE)));
        assertFalse(html.contains(ValidationTimeline.FILE), "no link to a file not written");
    }

    @Test
    void theFileHoldsEveryRowAndTheReportLinksIt() throws IOException {
        Validation v = validate(SIM, REAL);
        Path out = Files.createDirectory(tmp.resolve("out"));
        String html = Files.readString(v.write(out, "x", "s", "r"), StandardCharsets.UTF_8);
        String csv = Files.readString(out.resolve(ValidationTimeline.FILE), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals("policy,device,state,sim_sec,real_sec,diff_sec,rel_diff,replications,largest_in_cell",
                lines.get(0));
        assertEquals(1 + 5 + 6, lines.size(), csv);
        assertTrue(lines.contains("a,d1,compute,4,4.5,-0.5,-0.1111111111111111,1,false"), csv);
        assertTrue(lines.contains("a,d1,idle,0.5,0,0.5,,1,false"), csv);
        // the cell's largest difference (theLargestDifferenceOfACellIsNamed), and only it, is marked
        assertEquals(List.of("a,d2,failed,0,1.5,-1.5,-1,1,true"),
                lines.stream().filter(l -> l.endsWith(",true")).toList());
        assertTrue(html.contains("Where the re-training times part") && html.contains("href=\""
                + ValidationTimeline.FILE + "\""), html);
    }

    @Test
    void aMalformedTimelineOrOneOfAnotherSweepIsRefusedWithTheFileNamed() throws IOException {
        ResultFileException bad = assertThrows(ResultFileException.class,
                () -> validate(SIM, REAL + "a,0,d1,compute,x,7\n"));
        assertTrue(bad.problems().stream().anyMatch(p -> p.contains("timeline.csv") && p.contains("from_sec")),
                bad.problems().toString());
        ResultFileException sweep = assertThrows(ResultFileException.class, () -> validate(SIM,
                "policy,replication,device,state,from_sec,to_sec,rate\na,0,d1,compute,0,1,5\n"));
        assertTrue(sweep.problems().stream().anyMatch(p -> p.contains("timeline.csv:1: header: sweep columns differ")),
                sweep.problems().toString());
    }
}
