package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code merge} joins only the complete shards of one experiment, and refuses the rest naming shard and field. */
class MergeSafetyTest {
    @TempDir
    Path tmp;

    private Path shard(String name, String config, String... extra) throws IOException {
        Path cfg = tmp.resolve(name + ".yaml");
        Files.writeString(cfg, config);
        Path out = tmp.resolve(name);
        String[] args = Stream.concat(Stream.of("simulate", cfg.toString(), "--out", out.toString(), "--quiet",
                "--no-timing", "--no-report"), Stream.of(extra)).toArray(String[]::new);
        CliTest.Outcome o = cli(args);
        assertEquals(0, o.code(), o.err());
        return out;
    }

    private CliTest.Outcome refused(String expectedInMessage, Path... shards) {
        Path out = tmp.resolve("merged");
        String[] args = Stream.concat(Stream.of("merge", out.toString()), Stream.of(shards).map(Path::toString))
                .toArray(String[]::new);
        CliTest.Outcome o = cli(args);
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(expectedInMessage), "expected '" + expectedInMessage + "' in: " + o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out), "nothing is written");
        return o;
    }

    @Test
    void shardsOfDifferentExperimentsOrSettingsAreRefused() throws IOException {
        String base = CliTest.CONFIG;
        Path s1 = shard("s1", base, "--shard", "1/2");
        Path s2 = shard("s2", base, "--shard", "2/2");
        // same name and shape, different config text
        refused("configText: differs", s1, shard("text", base.replace("ratePerSec: 5", "ratePerSec: 6"), "--shard", "2/2"));
        refused("seed: differs", s1, shard("seed", base, "--shard", "2/2", "--seed", "8"));
        refused("replications: differs", s1, shard("reps", base, "--shard", "2/2", "--replications", "2"));
        refused("policies: differs", s1, shard("pol", base, "--shard", "2/2", "--policies", "equal-split,random"));
        refused("noTiming: differs", s1, timed(base));
        refused("shard: another split", s1, shard("n3", base, "--shard", "3/3"));
        String swept = base + "sweep:\n  services.detector.arrivals.poisson.ratePerSec: [2, 5]\n";
        refused("sweepPaths: differs", shard("g1", swept, "--shard", "1/2"), s2);
        refused("given twice", s1, s1, s2);
        refused("shard missing (2/2)", s1);
        // and the right pair merges
        assertEquals(0, cli("merge", tmp.resolve("ok").toString(), s2.toString(), s1.toString()).code());
    }

    private Path timed(String config) throws IOException {
        Path cfg = tmp.resolve("timed.yaml");
        Files.writeString(cfg, config);
        Path out = tmp.resolve("timed");
        assertEquals(0, cli("simulate", cfg.toString(), "--out", out.toString(), "--quiet", "--no-report",
                "--shard", "2/2").code());
        return out;
    }

    @Test
    void malformedIncompleteOrForeignShardsAreRefused() throws IOException {
        Path s1 = shard("s1", CliTest.CONFIG, "--shard", "1/2");
        Path s2 = shard("s2", CliTest.CONFIG, "--shard", "2/2");
        String manifest = Files.readString(s2.resolve("manifest.json"));

        Files.writeString(s2.resolve("manifest.json"), manifest.substring(0, manifest.length() / 2));
        refused("SHARD_DIR " + s2 + ": manifest.json", s1, s2);

        Files.writeString(s2.resolve("manifest.json"), manifest.replaceFirst("\"seed\" : 7,\\s*", ""));
        refused("manifest.json: seed: missing", s1, s2);

        Files.writeString(s2.resolve("manifest.json"), manifest.replace("\"shard\" : \"2/2\"", "\"shard\" : \"two\""));
        refused("manifest.json: shard: not a slice (two)", s1, s2);

        Files.writeString(s2.resolve("manifest.json"), manifest);
        List<String> rows = Files.readAllLines(s2.resolve("runs.csv"));
        Files.write(s2.resolve("runs.csv"), rows.subList(0, rows.size() - 1));
        refused("runs.csv: " + (rows.size() - 2) + " runs", s1, s2);

        Files.delete(s2.resolve("runs.csv"));
        refused("runs.csv: missing", s1, s2);

        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("a.txt"), "x");
        refused("SHARD_DIR " + notes + ": manifest.json: not a manifest of this tool", s1, notes);
        assertEquals("x", Files.readString(notes.resolve("a.txt")));
    }

    @Test
    void theMergeTargetIsNeverAShardOrAUserFolder() throws IOException {
        Path s1 = shard("s1", CliTest.CONFIG, "--shard", "1/2");
        Path s2 = shard("s2", CliTest.CONFIG, "--shard", "2/2");
        byte[] runs1 = Files.readAllBytes(s1.resolve("runs.csv"));
        CliTest.Outcome intoShard = cli("merge", s1.toString(), s1.toString(), s2.toString());
        assertEquals(2, intoShard.code(), intoShard.err());
        assertTrue(intoShard.err().contains("OUT: the shard directory itself"), intoShard.err());
        assertArrayEquals(runs1, Files.readAllBytes(s1.resolve("runs.csv")));

        CliTest.Outcome aroundShards = cli("merge", tmp.toString(), s1.toString(), s2.toString());
        assertEquals(2, aroundShards.code(), aroundShards.err());
        assertTrue(aroundShards.err().contains("OUT: "), aroundShards.err());

        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("paper.tex"), "draft");
        assertEquals(2, cli("merge", mine.toString(), s1.toString(), s2.toString()).code());
        assertEquals("draft", Files.readString(mine.resolve("paper.tex")));
        assertEquals(2, cli("merge", "", s1.toString(), s2.toString()).code());

        // a previous merge result is replaced, as documented
        Path merged = tmp.resolve("merged");
        assertEquals(0, cli("merge", merged.toString(), s1.toString(), s2.toString()).code());
        assertEquals(0, cli("merge", merged.toString(), s1.toString(), s2.toString()).code());
    }
}
