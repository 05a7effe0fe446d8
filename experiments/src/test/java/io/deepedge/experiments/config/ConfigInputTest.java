package io.deepedge.experiments.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.config.ConfigFiles.VALID;
import static io.deepedge.experiments.config.ConfigFiles.validWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The config file as bytes and as YAML structure: encoding, size, nesting and alias limits, each reported at its
 * line; values of any length shortened; one name rule.
 */
class ConfigInputTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("bad.yaml");
    }

    private List<String> problems(String yaml) {
        return problems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problems(byte[] bytes) {
        try {
            Files.write(file(), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file())).problems();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void namesTheLineAndByteOffsetOfEachLineThatIsNotUtf8() {
        // "name: quickstart\nseed: 42\n" is 17 + 9 = 26 bytes; "replications: 5 # caf" puts 0xE9 (Latin-1 e-acute)
        // at 26 + 21 = 47 on line 3; a second bad byte on line 4 is reported too.
        String head = "name: quickstart\nseed: 42\nreplications: 5 # caf";
        byte[] bytes = concat(head.getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9},
                "\nhorizonSec: 7200 # ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, (byte) 0x28},
                VALID.substring(VALID.indexOf("\ndevices:")).getBytes(StandardCharsets.UTF_8));
        // line 4 starts at 49 (after 0xE9 and the line break); "horizonSec: 7200 # " is 19 bytes: 0xC3 at 68
        assertEquals(List.of(
                file() + ":3: the file is not UTF-8 text (byte 0xE9 at byte offset 47), expected UTF-8 text (save the file as UTF-8)",
                file() + ":4: the file is not UTF-8 text (byte 0xC3 at byte offset 68), expected UTF-8 text (save the file as UTF-8)"),
                problems(bytes));
    }

    @Test
    void readsAUtf8FileWithAByteOrderMark() throws Exception {
        Files.write(file(), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, VALID.getBytes(StandardCharsets.UTF_8)));
        ExperimentConfig config = ConfigLoader.load(file());
        assertEquals("quickstart", config.name());
        assertEquals(VALID, config.text());
    }

    @Test
    void reportsNestingPastTheLimitAtTheLineWhereItIsReached() {
        // The root mapping is level 1; the mapping under "deep:" (line 49) is level 2 and starts at its first key,
        // line 50; each line below starts one more level, so level 51 starts on line 50 + 49 = 99.
        StringBuilder deep = new StringBuilder("deep:\n");
        for (int level = 3; level <= 60; level++) {
            deep.append("  ".repeat(level - 2)).append("k").append(level).append(":\n");
        }
        deep.append("  ".repeat(59)).append("v: 1\n");
        assertEquals(List.of(file() + ":99: the YAML is nested too deeply (more than 50 levels), expected at most 50"
                + " nested mappings and lists"), problems(VALID + deep));
    }

    @Test
    void reportsABillionLaughsDocumentAtTheFirstAliasOverTheLimit() {
        // Line 49 anchors a list; lines 50.. each alias it 9 times: the 51st alias is the 6th of line 55.
        StringBuilder laughs = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            laughs.append(c).append(": [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
        }
        assertEquals(List.of(file() + ":55: the YAML has too many aliases of mappings and lists (*a, alias number 51),"
                + " expected at most 50 (each can double the document's size)"), problems(VALID + laughs));
    }

    @Test
    void acceptsAliasesOfSingleValuesWithoutCounting() throws Exception {
        StringBuilder aliases = new StringBuilder();
        for (int k = 0; k < 200; k++) {
            aliases.append(k == 0 ? "  - { device: fast, atSec: &t 100 }\n" : "  - { device: fast, atSec: *t }\n");
        }
        Files.writeString(file(), validWith("  - { device: fast, atSec: 100 }\n", aliases.toString()));
        assertEquals(201, ConfigLoader.load(file()).gridPoints().get(0).scenario().failures().size());
    }

    @Test
    void refusesAConfigOverThreeMebibytes() {
        String filler = "# " + "x".repeat(1000) + "\n";
        assertEquals(List.of(file() + ": the config file is too large (more than 3145728 bytes), expected at most"
                + " 3145728 bytes"), problems(VALID + filler.repeat(3200)));
    }

    @Test
    void reportsADirectoryAsNoConfig() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertEquals(List.of(folder + ": cannot read the config file (a directory), expected a readable UTF-8 YAML file"),
                assertThrows(ConfigException.class, () -> ConfigLoader.load(folder)).problems());
    }

    @Test
    void shortensEveryValueLongerThanEightyCharactersWhereverItIsQuoted() {
        String key = "k".repeat(300);
        String shown = "k".repeat(80) + "...";
        String device = "ghost" + "g".repeat(200);
        String yaml = validWith("[nano-1, fast]", "[nano-1, " + device + "]") + key + ": 1\n"
                + "sweep:\n  " + key + ".x: [1, 2]\n";
        List<String> problems = problems(yaml);
        assertEquals(List.of(
                file() + ":24: services[0].devices[1]: unknown device (" + device.substring(0, 80) + "...), expected one"
                        + " of fast, nano-1, nano-2",
                file() + ":49: " + shown + ": unknown key (" + shown + "), expected one of name, seed, replications,"
                        + " horizonSec, devices, network, services, training, failures, reliability, monitoring,"
                        + " metrics, policies, sweep",
                // the path "sweep.kkk...k.x" is one word: its first 80 characters are kept
                file() + ":51: sweep." + "k".repeat(74) + "...: does not resolve: " + shown + " is a single value (x), expected"
                        + " a path that ends at " + shown), problems);
    }

    @Test
    void appliesOneNameRuleToTheExperimentDevicesAndServices() {
        String yaml = validWith("name: quickstart", "name: -quick");
        yaml = ConfigFiles.with(yaml, "- name: fast", "- name: Fast_1");
        yaml = ConfigFiles.with(yaml, "- name: speech", "- name: " + "s".repeat(65));
        String rule = "expected a name of lowercase letters, digits and '-' ([a-z0-9][a-z0-9-]*) that does not start"
                + " with '-', at most 64 characters";
        List<String> problems = problems(yaml);
        assertEquals(file() + ":1: name: is not a valid name (-quick), " + rule, problems.get(0));
        assertEquals(file() + ":10: devices[1].name: is not a valid name (Fast_1), " + rule, problems.get(1));
        assertTrue(problems.contains(file() + ":31: services[1].name: is longer than 64 characters (" + "s".repeat(65)
                + "), " + rule), String.join("\n", problems));
        assertProblemsAccepted(validWith("name: quickstart", "name: " + "q".repeat(64)));
    }

    @Test
    void rejectsAnEntryWhoseNameIsAnotherEntrysGeneratedName() {
        // "nano-2" is written first; "nano" with count 2 generates nano-1 and nano-2 after it.
        String yaml = validWith("  - name: nano\n", "  - name: nano-2\n    type: jetson-nano\n  - name: nano\n");
        List<String> problems = problems(yaml);
        assertTrue(problems.get(0).startsWith(file() + ":8: devices[1].name: expands to nano-2, already used by"
                + " devices[0] (nano), expected device names that stay unique after count expansion"), problems.get(0));
    }

    private void assertProblemsAccepted(String yaml) {
        try {
            Files.writeString(file(), yaml);
            ConfigLoader.load(file());
        } catch (IOException | ConfigException e) {
            throw new AssertionError(e);
        }
    }
}
