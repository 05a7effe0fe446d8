package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** histograms.csv, timeline.csv and their figures for a simulation and a sweep (the testbed: TestbedEndToEndTest). */
class RecordFilesTest {
    @TempDir
    Path tmp;

    private Path simulate(String name, String config) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, config);
        Path out = tmp.resolve(name);
        CliTest.Outcome o = CliTest.cli("simulate", file.toString(), "--out", out.toString(), "--no-timing",
                "--replications", "2", "--quiet");
        assertEquals(0, o.code(), o.err());
        return out;
    }

    @Test
    void simulationRecordsHistogramsAndTimelinesAndDrawsThem() throws IOException {
        Path out = simulate("sim", CliTest.CONFIG);
        RecordFiles.histogramsConserveRequests(out, List.of());
        RecordFiles.timelineCoversReplicationZero(out, List.of());
        RecordFiles.figuresDrawn(out);
    }

    @Test
    void sweepRecordsThemPerGridPoint() throws IOException {
        String path = "services.detector.arrivals.poisson.ratePerSec";
        Path out = simulate("sweep", CliTest.CONFIG.replace("policies: [equal-split, throughput-proportional, "
                + "fastest-single, random]", "policies: [equal-split, fastest-single]\nsweep:\n  " + path + ": [2, 8]\n"));
        RecordFiles.histogramsConserveRequests(out, List.of(path));
        RecordFiles.timelineCoversReplicationZero(out, List.of(path));
        RecordFiles.figuresDrawn(out);
        // one CDF chart per service and grid point
        Path plots = out.resolve("plots");
        assertEquals(true, Files.exists(plots.resolve("latency_cdf_2.png")));
    }
}
