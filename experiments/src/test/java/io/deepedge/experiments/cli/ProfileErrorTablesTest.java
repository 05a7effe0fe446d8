package io.deepedge.experiments.cli;

import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.ServiceProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error tables {@code profile} prints: a row per device and, with more than one device, the row "all devices"
 * over every device's held-out points, in the cells {@code experiments/fidelity/table.sh} reads.
 */
class ProfileErrorTablesTest {
    /** table.sh's pattern of one cell: median% / max% (points). */
    private static final Pattern CELL = Pattern.compile("([0-9.]+)% / ([0-9.]+)% \\(([0-9]+)\\)");
    private static final ErrorSummary NONE = new ErrorSummary(0, 0, 0);

    /**
     * A device whose held-out points' training throughputs are its model's (an iteration of b samples takes
     * {@code baseSec + perSampleSec b}) over 1 + e, e from {@code errors}: each point's error is e exactly.
     */
    static ProfiledDevice device(String name, double baseSec, double perSampleSec, double... errors) {
        InterferenceModel model = new InterferenceModel(baseSec, perSampleSec, 1, 0, 0, 1);
        List<ProfiledDevice.MeasuredPoint> design = new java.util.ArrayList<>();
        int batch = 10;
        for (double e : errors) {
            double alone = batch / (baseSec + perSampleSec * batch) / (1 + e);
            design.add(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(batch, 1), alone, alone, 5, 5),
                    true));
            batch *= 2;
        }
        // the device's own row comes from the file's figures, which the pooled row must not reuse
        HeldOutErrors own = new HeldOutErrors(new ErrorSummary(0.5, 0.5, errors.length), NONE, NONE);
        return new ProfiledDevice(name, 0.5, 4096, 0, 0, 0, List.of(10, 20, 40), model, own,
                List.of(new ServiceProfile("lc", "spin:10", 12, 0.5, 100, 20, 10, 0)), design);
    }

    static Profile profile(ProfiledDevice... devices) {
        return new Profile("2026-12-02T16:00:00Z", "host", "jvm", 7, "latin-hypercube", List.of(devices));
    }

    private static List<String> cells(String line) {
        List<String> out = new java.util.ArrayList<>();
        Matcher m = CELL.matcher(line);
        while (m.find()) {
            out.add(m.group(1) + "/" + m.group(2) + "/" + m.group(3));
        }
        return out;
    }

    private static List<String> rows(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).toList();
    }

    @Test
    void allDevicesPoolsEveryHeldOutPointAndTheQuotaModelsRowShowsItsPooledFigures() {
        // errors {0.10} and {0.02, 0.04, 0.06}: pooled median 0.05, max 0.10 over 4 points
        ProfiledDevice big = device("big", 0.02, 0.002, 0.10).withQuotaModelErrors(
                new QuotaModelErrors(new ErrorSummary(0.1, 0.3, 1), new ErrorSummary(0.2, 0.2, 1)));
        ProfiledDevice small = device("small", 0.01, 0.004, 0.02, 0.04, 0.06)
                .withQuotaModelErrors(new QuotaModelErrors(new ErrorSummary(0.05, 0.1, 3), new ErrorSummary(0, 0, 3)));
        QuotaModelErrors pooledQuota = new QuotaModelErrors(new ErrorSummary(0.075, 0.3, 4),
                new ErrorSummary(0.01, 0.2, 4));
        String text = ProfileCommand.errorTables(profile(big, small), pooledQuota);
        List<String> all = rows(text, ProfileCommand.ALL_DEVICES);
        assertEquals(2, all.size(), text);
        assertEquals(List.of("5.0/10.0/4", "0.0/0.0/4", "0.0/0.0/4"), cells(all.get(0)), text);
        assertEquals(List.of("7.5/30.0/4", "1.0/20.0/4"), cells(all.get(1)), text);
        assertEquals(List.of("50.0/50.0/1", "0.0/0.0/0", "0.0/0.0/0"), cells(rows(text, "big").get(0)), text);
        assertEquals(List.of("10.0/30.0/1", "20.0/20.0/1"), cells(rows(text, "big").get(1)), text);
    }

    @Test
    void theQuotaModelsTableHasTrainingsCpuASampleWhereSomeDeviceMeasuredIt() {
        // big's points measured it (2 points, 4 / 8 %), small's did not: "n/a" in its cell, and the pooled row's
        ProfiledDevice big = device("big", 0.02, 0.002, 0.10).withQuotaModelErrors(new QuotaModelErrors(
                new ErrorSummary(0.1, 0.3, 2), new ErrorSummary(0.2, 0.2, 2), new ErrorSummary(0.04, 0.08, 2)));
        ProfiledDevice small = device("small", 0.01, 0.004, 0.02)
                .withQuotaModelErrors(new QuotaModelErrors(new ErrorSummary(0.05, 0.1, 1), new ErrorSummary(0, 0, 1)));
        QuotaModelErrors pooled = new QuotaModelErrors(new ErrorSummary(0.1, 0.3, 3), new ErrorSummary(0.2, 0.2, 3),
                new ErrorSummary(0.04, 0.08, 2));
        String text = ProfileCommand.errorTables(profile(big, small), pooled);
        assertTrue(text.contains("trainCpuRatio"), text);
        assertEquals(List.of("10.0/30.0/2", "20.0/20.0/2", "4.0/8.0/2"), cells(rows(text, "big").get(1)), text);
        assertEquals(List.of("5.0/10.0/1", "0.0/0.0/1"), cells(rows(text, "small").get(1)), text);
        assertTrue(rows(text, "small").get(1).trim().endsWith("n/a"), text);
        assertEquals(List.of("10.0/30.0/3", "20.0/20.0/3", "4.0/8.0/2"),
                cells(rows(text, ProfileCommand.ALL_DEVICES).get(1)), text);
        // no device measured it: the table as before, two columns
        String without = ProfileCommand.errorTables(profile(small), QuotaModelErrors.NONE);
        assertFalse(without.contains("trainCpuRatio"), without);
    }

    @Test
    void eachLatencyCellSaysAtHowManyPointsTheTwinLiesAbove() {
        // medians: twin 11 against 10 (above), 30 against 40 (below), 5 against 6 (below); p99s: 90 against 100
        // (below), 400 against 100 (above), 70 against 60 (above)
        QuotaModelCheck.LatencyComparison c = new QuotaModelCheck.LatencyComparison(List.of(
                latency(11, 10, 90, 100), latency(30, 40, 400, 100), latency(5, 6, 70, 60)));
        String text = ProfileCommand.latencyTable(java.util.Map.of("big", c));
        List<String> big = rows(text, "big");
        assertEquals(1, big.size(), text);
        assertTrue(big.get(0).matches("big +[0-9.]+% / [0-9.]+% \\(3\\), twin above 1 +[0-9.]+% / [0-9.]+% \\(3\\),"
                + " twin above 2\\s*"), text);
    }

    private static QuotaModelCheck.PointLatency latency(double medianTwin, double medianAgents, double p99Twin,
                                                        double p99Agents) {
        return new QuotaModelCheck.PointLatency(new io.deepedge.models.profile.DesignPoint(10, 1), true,
                new io.deepedge.models.profile.ColocatedLatency(10, medianAgents, p99Agents),
                new io.deepedge.models.profile.ColocatedLatency(10, medianTwin, p99Twin));
    }

    @Test
    void oneDeviceHasNoPooledRowAndADeviceWithoutAQuotaNoQuotaRow() {
        String one = ProfileCommand.errorTables(profile(device("big", 0.02, 0.002, 0.10)), QuotaModelErrors.NONE);
        assertTrue(rows(one, ProfileCommand.ALL_DEVICES).isEmpty(), one);
        assertFalse(one.contains("quota model"), one);
        String two = ProfileCommand.errorTables(profile(device("big", 0.02, 0.002, 0.10),
                device("small", 0.01, 0.004, 0.02)), QuotaModelErrors.NONE);
        assertEquals(1, rows(two, ProfileCommand.ALL_DEVICES).size(), two);
        assertEquals(List.of("6.0/10.0/2", "0.0/0.0/2", "0.0/0.0/2"), cells(rows(two, ProfileCommand.ALL_DEVICES)
                .get(0)), two);
    }

    /**
     * A device with one held-out point at batch 10, measured twice: its model's training throughput over {@code 1 +
     * first}, then over {@code 1 + again} (alone and beside the services alike; service times 5 ms both times).
     */
    static ProfiledDevice measuredTwice(String name, double baseSec, double perSampleSec, double first,
                                                double again) {
        ProfiledDevice d = device(name, baseSec, perSampleSec, first);
        double model = 10 / (baseSec + perSampleSec * 10);
        Measurement m = d.design().get(0).measurement();
        Measurement repeat = new Measurement(m.point(), model / (1 + again), model / (1 + again), 5, 5);
        return new ProfiledDevice(d.name(), d.cpus(), d.memoryMiB(), d.lcHopMs(), d.roundOverheadMs(),
                d.shardLoadMsPerSample(), d.batches(), d.model(), d.heldOutErrors(), d.services(),
                List.of(new ProfiledDevice.MeasuredPoint(m, true, List.of(repeat))));
    }

    /**
     * A device whose every phase ran on a host with a 40 ms probe step but its held-out point's training alone, on one
     * of 50 ms, which trained 40 / 50 as fast: an iteration takes 0.02 + 0.002 b s on the 40 ms host, a request 5 ms
     * alone and beside training, training as fast beside the services; four fitted points, one held out (batch 30).
     */
    static ProfiledDevice onMovingHost(String name) {
        List<ProfiledDevice.MeasuredPoint> design = new java.util.ArrayList<>();
        int[] batches = {10, 20, 40, 80, 30};
        double[] rates = {1, 3, 2, 4, 2.5};
        for (int i = 0; i < batches.length; i++) {
            boolean heldOut = i == batches.length - 1;
            double truth = batches[i] / (0.02 + 0.002 * batches[i]);
            double trainAloneStepMs = heldOut ? 50 : 40;
            Measurement m = new Measurement(new DesignPoint(batches[i], rates[i]), truth * 40 / trainAloneStepMs,
                    truth, 5, 5).withHosts(new PhaseHosts(new HostProbe(10, trainAloneStepMs), new HostProbe(10, 40),
                    new HostProbe(10, 40)));
            design.add(new ProfiledDevice.MeasuredPoint(m, heldOut));
        }
        HeldOutErrors own = new HeldOutErrors(new ErrorSummary(0.25, 0.25, 1), NONE, NONE);
        return new ProfiledDevice(name, 0.5, 4096, 0, 0, 0, List.of(10, 20, 40, 80),
                new InterferenceModel(0.02, 0.002, 1, 0, 0, 1), own,
                List.of(new ServiceProfile("lc", "spin:10", 5, 0.5, 100, 20, 10, 0)), design);
    }

    @Test
    void atOneHostTheHeldOutPointsMovedByTheHostAloneComeOutExact() {
        // as measured the held-out point trained at 0.8 of the model (error 1 / 0.8 - 1 = 25 %, the file's figure);
        // taken by each phase's probe to one host, the model fitted again predicts it exactly
        String text = ProfileCommand.errorTables(profile(onMovingHost("big"), onMovingHost("small")),
                QuotaModelErrors.NONE);
        assertTrue(text.contains("at one host: held-out |relative error|"), text);
        assertEquals(List.of("25.0/25.0/1", "0.0/0.0/0", "0.0/0.0/0"), cells(rows(text, "big").get(0)), text);
        assertEquals(List.of("0.0/0.0/1", "0.0/0.0/1", "0.0/0.0/1"), cells(rows(text, "big").get(1)), text);
        assertEquals(List.of("0.0/0.0/2", "0.0/0.0/2", "0.0/0.0/2"),
                cells(rows(text, ProfileCommand.ALL_DEVICES).get(1)), text);
        assertFalse(text.contains("at one host: the held-out points measured again"), text);
        // a design without probe steps has no such table
        String unprobed = ProfileCommand.errorTables(profile(device("big", 0.02, 0.002, 0.10)), QuotaModelErrors.NONE);
        assertFalse(unprobed.contains("at one host"), unprobed);
    }

    @Test
    void heldOutPointsMeasuredAgainArePooledAtTheirMeanAndTheirSpreadIsATableOfItsOwn() {
        // big: measured at model / 1.1 and model / 0.9, whose mean is model / 0.99: error 0.01 (and the two lie
        // 1.1 / 0.9 - 1 = 22.2 % apart); small: at model / 1.02 twice: error 0.02, 0 apart
        String text = ProfileCommand.errorTables(profile(measuredTwice("big", 0.02, 0.002, 0.10, -0.10),
                measuredTwice("small", 0.01, 0.004, 0.02, 0.02)), QuotaModelErrors.NONE);
        List<String> all = rows(text, ProfileCommand.ALL_DEVICES);
        assertEquals(2, all.size(), text);
        assertEquals(List.of("1.5/2.0/2", "0.0/0.0/2", "0.0/0.0/2"), cells(all.get(0)), text);
        assertTrue(text.contains("the held-out points measured again"), text);
        // alone, service slowdown, training slowdown, beside the services, service beside training
        assertEquals(List.of("22.2/22.2/1", "0.0/0.0/1", "0.0/0.0/1", "22.2/22.2/1", "0.0/0.0/1"),
                cells(rows(text, "big").get(1)), text);
        assertEquals(List.of("0.0/0.0/1", "0.0/0.0/1", "0.0/0.0/1", "0.0/0.0/1", "0.0/0.0/1"),
                cells(rows(text, "small").get(1)), text);
        assertEquals(List.of("11.1/22.2/2", "0.0/0.0/2", "0.0/0.0/2", "11.1/22.2/2", "0.0/0.0/2"),
                cells(all.get(1)), text);
        // measured once: no such table
        String once = ProfileCommand.errorTables(profile(device("big", 0.02, 0.002, 0.10)), QuotaModelErrors.NONE);
        assertFalse(once.contains("measured again"), once);
    }
}
