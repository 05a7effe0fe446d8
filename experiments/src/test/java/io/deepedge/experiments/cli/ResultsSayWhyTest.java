package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Result files say why a run did not finish ({@code not_finished_reason}) and leave LC statistics empty, not 0,
 * when a run completed no LC request.
 */
class ResultsSayWhyTest {
    /** Two Jetson Nanos (3965 MiB for training each), a detector on nano-1, an equal-split job. */
    private static final String CONFIG = """
            name: why
            seed: 11
            replications: 2
            horizonSec: HORIZON
            devices:
              - { name: nano, type: jetson-nano, count: 2 }
            services:
              - name: detector
                devices: [nano-1]
                arrivals: { poisson: { ratePerSec: 5 } }
                serviceTimeMs: { constant: { ms: 10 } }
                deadlineMs: 100
            training:
              model: mobilenet-v2
              samples: 3000
              batchSize: 64
              topology: parameter-server
              memory: { baseMiB: BASE, perSampleMiB: 1 }
            FAILURES
            policies: [equal-split]
            """;

    @TempDir
    Path tmp;

    /**
     * The reason, per way a run can end: the policy's own words when it postponed the job to the horizon (a
     * training footprint of 700000 MiB fits no Nano), "horizon reached" for a job cut short (3000 samples cannot
     * train on a Nano in 5 s), nothing when it finished, and "no training job" without one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "700000|3600|true|false|postponed by the policy: no device available whose memory fits the training",
            "100|5|true|false|horizon reached",
            "100|3600|true|true|''",
            "100|3600|false|false|no training job"})
    void runsCsvSaysWhyTheJobDidNotFinish(String baseMiB, String horizonSec, boolean withJob, boolean finished,
                                          String reason) throws IOException {
        String config = CONFIG.replace("BASE", baseMiB).replace("HORIZON", horizonSec).replace("FAILURES", "");
        if (!withJob) {
            config = config.substring(0, config.indexOf("training:")) + "policies: [equal-split]\n";
        }
        Path out = simulate(config);
        List<Map<String, String>> runs = RecordFiles.rows(out.resolve("runs.csv"));
        assertEquals(2, runs.size());
        for (Map<String, String> run : runs) {
            assertEquals(Boolean.toString(finished), run.get("finished"));
            assertEquals(reason, run.get("not_finished_reason"));
        }
        List<String> header = List.of(Files.readAllLines(out.resolve("runs.csv")).get(0).split(","));
        assertEquals(header.indexOf("accuracy_after") + 1, header.indexOf("not_finished_reason"),
                "appended after the columns before it, where later columns do not move it");
        // A column the writer adds but the reader does not know would come out as a sweep column of summary.csv.
        assertTrue(Files.readAllLines(out.resolve("summary.csv")).get(0).endsWith(",slo_violations_mean,lc_runs,"
                + "finished_fraction,retrain_time_sec_mean_censored_lb,coloc_slo_violations_mean,lc_unfinished_mean"));
    }

    /**
     * nano-1, the detector's only device, fails at 0 s for good: every request is lost, none completes, whatever
     * the seed. Miss rate and latency quantiles are then unknown (empty), not 0, in every file.
     */
    @Test
    void lcStatisticsAreEmptyNotZeroWhenNoRequestCompleted() throws IOException {
        Path out = simulate(CONFIG.replace("BASE", "100").replace("HORIZON", "600")
                .replace("FAILURES", "failures:\n  - { device: nano-1, atSec: 0 }"));

        for (Map<String, String> run : RecordFiles.rows(out.resolve("runs.csv"))) {
            assertEquals("0", run.get("lc_requests"));
            assertEquals("0", run.get("lc_unfinished"), "a count: none of no request");
            assertTrue(Long.parseLong(run.get("lc_lost")) > 0, "requests arrived and were lost: " + run);
            for (String column : List.of("lc_miss_rate", "lc_p50_ms", "lc_p95_ms", "lc_p99_ms")) {
                assertEquals("", run.get(column), column);
            }
        }
        for (Map<String, String> service : RecordFiles.rows(out.resolve("services.csv"))) {
            for (String column : List.of("mean_ms", "p50_ms", "p95_ms", "p99_ms", "slo_latency_ms", "coloc_p99_ms",
                    "coloc_slo_latency_ms")) {
                assertEquals("", service.get(column), column);
            }
            assertEquals("0", service.get("coloc_requests"));
            assertEquals("true", service.get("coloc_slo_met"), "nothing broke the SLO");
        }
        Map<String, String> summary = RecordFiles.rows(out.resolve("summary.csv")).get(0);
        assertEquals("2", summary.get("runs"));
        assertEquals("0", summary.get("lc_runs"));
        assertEquals("", summary.get("lc_miss_rate_mean"));
        assertEquals("", summary.get("lc_p99_ms_mean"));
        assertEquals("", summary.get("lc_unfinished_mean"));
    }

    private Path simulate(String config) throws IOException {
        Path file = Files.writeString(tmp.resolve("why.yaml"), config);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.cli("simulate", file.toString(), "--out", out.toString(), "--quiet", "--no-report",
                "--no-timing");
        assertEquals(0, o.code(), o.err());
        return out;
    }
}
