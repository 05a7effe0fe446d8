package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report never shows a mean re-training time without the share of runs that finished. */
class ReportFinishedFractionTest {
    private static final String HEADER = ResultFixture.RUNS_HEADER
            + ",slo_violations,lc_unfinished,coloc_slo_violations,retrain_time_sec_lb";
    private static final String REST = ",1,1,a:1,10,1,0.1,0,1,2,3,0,0,10,0";

    @TempDir
    Path dir;

    @Test
    void unfinishedRunsBringTheCensoredChartAndTheFinishedShareIntoTheCaption() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), HEADER + "\n"
                + "x,sim,flaky,0,1,true,20" + REST + ",0,4,1,20\n"
                + "x,sim,flaky,1,1,false," + REST + ",1,2,0,100\n"
                + "x,sim,flaky,2,1,true,30" + REST + ",0,0,2,30\n"
                + "x,sim,steady,0,1,true,40" + REST + ",0,0,0,40\n");
        String page = Files.readString(Report.write(dir));

        assertTrue(Files.exists(dir.resolve("plots/retrain_time_censored.png")));
        assertTrue(Files.exists(dir.resolve("plots/coloc_slo_violations.png")));
        assertTrue(page.contains("Runs finished: flaky 66.67 %, steady 100 %."), page);
        assertTrue(page.contains("<th>finished_fraction</th>") && page.contains("<th>retrain_time_sec_mean_censored_lb</th>"));
    }

    @Test
    void everyRunFinishedDrawsNoCensoredChart() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), HEADER + "\n" + "x,sim,steady,0,1,true,40" + REST + ",0,0,0,40\n");
        Report.write(dir);

        assertFalse(Files.exists(dir.resolve("plots/retrain_time_censored.png")));
    }
}
