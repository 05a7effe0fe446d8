package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        // a run whose policy rejected a device says why in a quoted cell with a comma (as a testbed run did in CI,
        // 2026-12-06 22:44: "a=slo:classifier unstable, utilisation 1.22 >= 1"): still one run, not a row too long
        Path runs = out.resolve("runs.csv");
        List<String> lines = Files.readAllLines(runs);
        int rejected = List.of(lines.get(0).split(",")).indexOf("rejected");
        String[] first = lines.get(1).split(",", -1);
        first[rejected] = "\"d=slo:detector unstable, utilisation 1.22 >= 1\"";
        Files.write(runs, java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0),
                String.join(",", first)), lines.subList(2, lines.size()).stream()).toList());
        RecordFiles.timelineCoversReplicationZero(out, List.of());
        assertEquals("d=slo:detector unstable, utilisation 1.22 >= 1", RecordFiles.rows(runs).get(0).get("rejected"));
    }

    @Test
    void rowsReadQuotedCellsAndALastRowWithoutALineBreak() throws Exception {
        Path file = tmp.resolve("cells.csv");
        Files.writeString(file, "a,b\r\n\"x, \"\"y\"\"\",1\n\"two\nlines\",2");
        assertEquals(List.of(Map.of("a", "x, \"y\"", "b", "1"), Map.of("a", "two\nlines", "b", "2")),
                RecordFiles.rows(file));
        Files.writeString(file, "a,b\n\"open,1\n");
        assertThrows(AssertionError.class, () -> RecordFiles.rows(file));
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
