package io.deepedge.experiments.config;

import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.Scenario;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device's own work per round and per shard sample ({@code roundOverheadMs}, {@code shardLoadMsPerSample}):
 * inline in a device's profile or from its profile file, 0 when absent, refused when negative or not a number.
 */
class ConfigDeviceOverheadTest {
    @TempDir
    Path dir;

    /** VALID's "fast" profile (from line 12) with the two figures after its memory (lines 15 and 16). */
    private static String fastWith(String roundOverhead, String shardLoad) {
        return validWith("      memoryMiB: 8192\n", "      memoryMiB: 8192\n      roundOverheadMs: " + roundOverhead
                + "\n      shardLoadMsPerSample: " + shardLoad + "\n");
    }

    private Scenario scenario(String yaml) throws ConfigException {
        return ConfigLoader.load(ConfigFiles.write(dir, "config.yaml", yaml)).gridPoints().get(0).scenario();
    }

    private static Device device(Scenario s, String name) {
        return s.devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void inlineFiguresReachTheDeviceAndOthersHaveNone() throws Exception {
        Scenario s = scenario(fastWith("40", "0.5"));
        assertEquals(new DeviceOverhead(40, 0.5), device(s, "fast").profile().overhead());
        // a catalog type without the keys, and every existing config: no overhead
        assertEquals(DeviceOverhead.NONE, device(s, "nano-1").profile().overhead());
        assertEquals(DeviceOverhead.NONE, device(scenario(ConfigFiles.VALID), "fast").profile().overhead());
    }

    @Test
    void negativeAndNonNumericFiguresAreRefusedTogetherAtTheirLines() {
        Path file = ConfigFiles.write(dir, "bad.yaml", fastWith("-1", "fast"));
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
        assertEquals(List.of(
                file + ":15: devices[1].profile.roundOverheadMs: must not be negative (-1), expected a number in [0, 1e5]",
                file + ":16: devices[1].profile.shardLoadMsPerSample: must be a number (fast), expected a number in"
                        + " [0, 1e5]"), problems);
    }

    @Test
    void inlineFiguresBesideAProfileFileAreRefused() throws Exception {
        Files.writeString(dir.resolve("profile.yaml"), ProfileFileWriter.text(ProfileFileTest.sample()));
        String yaml = validWith("    profile:\n      trainSamplesPerSec: 300\n      memoryMiB: 8192\n"
                + "      interference:\n        serviceSlowdown: 1.5\n        trainingSlowdown: 1.2\n",
                "    profile: { file: profile.yaml, device: big, roundOverheadMs: 40 }\n");
        Path file = ConfigFiles.write(dir, "mixed.yaml", yaml);
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).problems();
        assertEquals(List.of(file + ":12: devices[1].profile.roundOverheadMs: cannot be combined with profile.file"
                + " (the file's figures are the whole profile) (roundOverheadMs), expected only file and device beside"
                + " a profile file; or an inline profile without file"), problems);
    }

    @Test
    void aProfileFileWithTheFiguresRoundTripsAndGivesThemToItsDevice() throws Exception {
        Profile profile = ProfileFileTest.sample();
        assertEquals(41.5, profile.devices().get(0).roundOverheadMs());
        assertTrue(ProfileFileWriter.text(profile).contains("  roundOverheadMs: 41.5\n  shardLoadMsPerSample: 0.75\n"));
        assertEquals(new DeviceOverhead(41.5, 0.75), fromProfileFile(profile).profile().overhead());
    }

    /**
     * VALID's "fast" device measured as {@code profile}'s "big": the file written, read back equal to {@code profile},
     * and the config loaded with it.
     */
    private Device fromProfileFile(Profile profile) throws Exception {
        Path file = Files.writeString(dir.resolve("profile.yaml"), ProfileFileWriter.text(profile));
        assertEquals(profile, ProfileFileReader.read(file, "profile.yaml"));
        return device(scenario(validWith("    profile:\n      trainSamplesPerSec: 300\n      memoryMiB: 8192\n"
                + "      interference:\n        serviceSlowdown: 1.5\n        trainingSlowdown: 1.2\n",
                "    profile: { file: profile.yaml, device: big }\n")), "fast");
    }

    @Test
    void aProfileFileWrittenWithoutTheFiguresReadsAsNoOverhead() throws Exception {
        String text = ProfileFileWriter.text(ProfileFileTest.sample())
                .replace("  roundOverheadMs: 41.5\n", "").replace("  shardLoadMsPerSample: 0.75\n", "");
        assertFalse(text.contains("roundOverheadMs") || text.contains("shardLoadMsPerSample"), text);
        Path file = Files.writeString(dir.resolve("profile.yaml"), text);
        ProfiledDevice read = ProfileFileReader.read(file, "profile.yaml").devices().get(0);
        assertEquals(0.0, read.roundOverheadMs());
        assertEquals(0.0, read.shardLoadMsPerSample());
        assertEquals(DeviceOverhead.NONE, read.deviceProfile(0, io.deepedge.models.TrainingMemory.NONE).overhead());
    }

    @Test
    void negativeFiguresInAProfileFileAreNamedAtTheirLines() throws Exception {
        String text = ProfileFileWriter.text(ProfileFileTest.sample())
                .replace("roundOverheadMs: 41.5", "roundOverheadMs: -2")
                .replace("shardLoadMsPerSample: 0.75", "shardLoadMsPerSample: slow");
        List<String> lines = List.of(text.split("\n"));
        int round = lines.indexOf("  roundOverheadMs: -2") + 1;
        int load = lines.indexOf("  shardLoadMsPerSample: slow") + 1;
        Path file = Files.writeString(dir.resolve("profile.yaml"), text);
        io.deepedge.traces.TraceException e = assertThrows(io.deepedge.traces.TraceException.class,
                () -> ProfileFileReader.read(file, "p.yaml"));
        assertEquals(List.of("p.yaml:" + round + ": devices[0].roundOverheadMs: must not be negative (-2), expected a"
                + " number in [0, 1e5]", "p.yaml:" + load + ": devices[0].shardLoadMsPerSample: must be a number"
                + " (slow), expected a number in [0, 1e5]"), e.lines());
    }

    @Test
    void theRoundsCoordinationWaitRoundTripsReachesTheDeviceAndIsChecked() throws Exception {
        Profile plain = ProfileFileTest.sample();
        Profile measured = new Profile(plain.date(), plain.machine(), plain.jvm(), plain.seed(), plain.method(),
                List.of(plain.devices().get(0).withRoundCoordinationMs(12.5)));
        String text = ProfileFileWriter.text(measured);
        assertTrue(text.contains("  roundCoordinationMs: 12.5\n"), text);
        assertEquals(new DeviceOverhead(41.5, 0.75, 12.5), fromProfileFile(measured).profile().overhead());
        // not measured: not written, and read as 0
        assertFalse(ProfileFileWriter.text(plain).contains("roundCoordinationMs"));
        // inline, beside the device's own work
        Scenario inline = scenario(validWith("      memoryMiB: 8192\n", "      memoryMiB: 8192\n"
                + "      roundOverheadMs: 40\n      roundCoordinationMs: 7\n"));
        assertEquals(new DeviceOverhead(40, 0, 7), device(inline, "fast").profile().overhead());
        // negative: refused with its field and value, in the file and inline
        Path bad = Files.writeString(dir.resolve("profile.yaml"), text.replace("roundCoordinationMs: 12.5",
                "roundCoordinationMs: -3"));
        List<String> lines = assertThrows(io.deepedge.traces.TraceException.class,
                () -> ProfileFileReader.read(bad, "p.yaml")).lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("devices[0].roundCoordinationMs: must not be negative (-3)"), lines.get(0));
        Path badInline = ConfigFiles.write(dir, "bad.yaml", validWith("      memoryMiB: 8192\n",
                "      memoryMiB: 8192\n      roundCoordinationMs: -3\n"));
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(badInline)).problems();
        assertEquals(List.of(badInline + ":15: devices[1].profile.roundCoordinationMs: must not be negative (-3),"
                + " expected a number in [0, 1e5]"), problems);
    }
}
