package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run without LC requests has empty lc_ cells: summary means skip them and say over how many runs they are. */
class MissingValuesTest {
    private static final String HEADER = "experiment,mode,policy,replication,seed,finished,retrain_time_sec,plan_time_ms,"
            + "devices_used,plan,lc_requests,lc_misses,lc_miss_rate,lc_p50_ms,lc_p95_ms,lc_p99_ms,failures,work_lost_sec,"
            + "not_finished_reason";

    @TempDir
    Path dir;

    @Test
    void summaryMeansSkipEmptyLcCellsAndCountTheRunsWithValues() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), HEADER + "\n"
                + "x,sim,p,0,1,true,10,,1,n:1,10,1,0.1,5,80,100,0,0,\n"
                + "x,sim,p,1,2,false,,,0,,0,0,,,,,0,0,postponed by the policy: no device available\n"
                + "x,sim,p,2,3,true,20,,1,n:1,10,3,0.3,5,90,200,0,0,\n"
                + "x,sim,q,0,1,false,,,0,,0,0,,,,,0,0,horizon reached\n");
        Report.redraw(dir);

        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String> p = Arrays.asList(lines.get(1).split(",", -1));
        List<String> q = Arrays.asList(lines.get(2).split(",", -1));
        assertEquals("3", p.get(header.indexOf("runs")));
        assertEquals("2", p.get(header.indexOf("lc_runs")), "two of three runs served LC requests");
        assertEquals(0.2, Double.parseDouble(p.get(header.indexOf("lc_miss_rate_mean"))), 1e-12, "(0.1 + 0.3) / 2");
        // t(0.975, 1) = 12.7062047361747 (tables); s = 0.1 sqrt(2), so the half-width is 12.7062... x 0.1
        assertEquals(1.27062047361747, Double.parseDouble(p.get(header.indexOf("lc_miss_rate_ci95"))), 1e-9);
        assertEquals(150, Double.parseDouble(p.get(header.indexOf("lc_p99_ms_mean"))), 1e-12);
        assertEquals("0", q.get(header.indexOf("lc_runs")));
        assertEquals("", q.get(header.indexOf("lc_miss_rate_mean")), "no run served LC requests: unknown, not 0");
        assertEquals("", q.get(header.indexOf("lc_p99_ms_mean")));
        assertTrue(Files.exists(dir.resolve("report.html")));
        assertTrue(Files.exists(dir.resolve("plots/miss_rate.png")), "the report still draws the miss rate it knows");
        assertTrue(Files.readString(dir.resolve("report.html")).contains("horizon reached"));
    }
}
