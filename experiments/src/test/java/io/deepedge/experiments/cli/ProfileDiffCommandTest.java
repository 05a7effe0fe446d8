package io.deepedge.experiments.cli;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.experiments.config.ProfileFileWriter;
import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile-diff} on two profile files written here: the figures it prints, and its refusals (exit 2). */
class ProfileDiffCommandTest {
    private static final ErrorSummary NONE = new ErrorSummary(0, 0, 0);

    @TempDir
    Path tmp;

    /** One device "d" whose iteration of b samples takes 0.01 + perSampleSec x b seconds, serving "lc". */
    private Path profile(String file, String device, double perSampleSec, double capacityMs, double roundOverheadMs)
            throws IOException {
        ProfiledDevice d = new ProfiledDevice(device, 0.5, 1024, 2.0, roundOverheadMs, 0, List.of(32),
                new InterferenceModel(0.01, perSampleSec, 2, 0, 0, 2), new HeldOutErrors(NONE, NONE, NONE),
                List.of(new ServiceProfile("lc", "m", 4.0, 0.5, 100, capacityMs, 2.5, 0.2)),
                List.of(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(32, 10), 180, 150, 4, 6), false)));
        Profile p = new Profile("2026-12-01T10:00:00Z", "m", "jvm", 7, DesignPlan.LATIN_HYPERCUBE, List.of(d));
        return Files.writeString(tmp.resolve(file), ProfileFileWriter.text(p));
    }

    @Test
    void printsEveryFigureWithItsChangeAsCsvAndAsATable() throws IOException {
        Path before = profile("before.yaml", "d", 0.005, 8.0, 20);
        Path after = profile("after.yaml", "d", 0.004, 6.0, 30);
        CliTest.Outcome csv = cli("profile-diff", before.toString(), after.toString(), "--csv");
        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("device,figure,before,after,rel_change", lines.get(0));
        Map<String, double[]> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals("d", f[0], line);
            rows.put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])});
        }
        // by hand: 32 / (0.01 + 0.005 x 32) = 32 / 0.17 before, 32 / 0.138 after
        assertFigure(rows.get("trainSamplesPerSec@32"), 32 / 0.17, 32 / 0.138, 0.17 / 0.138 - 1);
        assertFigure(rows.get("lc.capacityMs"), 8.0, 6.0, -0.25);
        assertFigure(rows.get("roundOverheadMs"), 20, 30, 0.5);
        assertFigure(rows.get("lc.meanMs"), 4.0, 4.0, 0.0);
        assertEquals(List.of("cpus", "trainSamplesPerSec@32", "lc.meanMs", "lc.cv", "lc.capacityMs", "lc.cpuMeanMs",
                "roundOverheadMs", "lcHopMs"), lines.subList(1, lines.size()).stream().map(l -> l.split(",")[1]).toList());

        CliTest.Outcome table = cli("profile-diff", before.toString(), after.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("largest change: d roundOverheadMs +50.0 %"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("d ") && l.contains("lc.capacityMs")
                && l.endsWith("-25.0 %")), table.out());
    }

    @Test
    void refusesWhatIsNotAProfileAndProfilesOfOtherDevicesNamingEachFile() throws IOException {
        Path missing = tmp.resolve("missing.yaml");
        Path notProfile = Files.writeString(tmp.resolve("config.yaml"), "name: x\nseed: 1\n");
        CliTest.Outcome both = cli("profile-diff", missing.toString(), notProfile.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("BEFORE: " + missing) && both.err().contains("AFTER: " + notProfile), both.err());
        assertFalse(both.err().contains("Exception") || both.err().contains("\tat "), both.err());
        assertEquals("", both.out());

        CliTest.Outcome other = cli("profile-diff", profile("a.yaml", "d", 0.005, 8, 20).toString(),
                profile("b.yaml", "e", 0.005, 8, 20).toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("no device in common") && other.err().contains(": e;")
                && other.err().contains(": d)"), other.err());
    }

    private static void assertFigure(double[] row, double before, double after, double change) {
        assertEquals(before, row[0], 1e-9);
        assertEquals(after, row[1], 1e-9);
        assertEquals(change, row[2], 1e-12);
    }
}
