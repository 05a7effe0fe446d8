package io.deepedge.experiments.cli;

import io.deepedge.experiments.run.Manifest;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.Shard;
import io.deepedge.plots.Report;
import io.deepedge.plots.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code deepedge merge OUT SHARD_DIR...}: joins the result directories of {@code --shard 1/N .. N/N}; shards
 * are contiguous slices of the run list, so their rows concatenated in shard order are a single run's rows.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the result directories of --shard 1/N .. N/N into one, as if run at once.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "merged result directory to write")
    private Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHARD_DIR", description = "result directories of the shards, in any order")
    private List<Path> shardDirs;

    private record ShardDir(Path dir, Shard shard, Map<String, Object> manifest) {
    }

    @Override
    public Integer call() throws IOException {
        List<ShardDir> shards = readShards();
        try (OutputDirectory dir = OutputDirectory.create(out)) {
            concatenate(shards, "runs.csv", dir.path());
            concatenate(shards, "services.csv", dir.path());
            Summary.write(dir.path());
            Report.write(dir.path());
            Manifest manifest = new Manifest();
            shards.get(0).manifest().forEach(manifest::put);
            manifest.put("shard", "1/1");
            manifest.put("mergedFrom", shards.stream().map(s -> s.dir().toString()).toList());
            manifest.write(dir.path().resolve("manifest.json"));
            Path done = dir.commit();
            spec.commandLine().getOut().println("merged " + shards.size() + " shards: " + done);
        }
        return Main.EXIT_OK;
    }

    private List<ShardDir> readShards() throws IOException {
        List<String> problems = new ArrayList<>();
        List<ShardDir> shards = new ArrayList<>();
        for (Path d : shardDirs) {
            Path m = d.resolve("manifest.json");
            if (!Files.isRegularFile(m) || !Files.isRegularFile(d.resolve("runs.csv"))) {
                problems.add("SHARD_DIR: not a result directory (" + d + "), expected manifest.json and runs.csv in it");
                continue;
            }
            Map<String, Object> manifest = Manifest.read(m);
            Shard shard = Shard.parse(String.valueOf(manifest.get("shard"))).orElse(null);
            if (shard == null) {
                problems.add("SHARD_DIR: manifest has no shard (" + d + "), expected a directory written with --shard K/N");
                continue;
            }
            shards.add(new ShardDir(d, shard, manifest));
        }
        if (problems.isEmpty()) {
            checkComplete(shards, problems);
        }
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        shards.sort(Comparator.comparingInt(s -> s.shard().k()));
        return shards;
    }

    private static void checkComplete(List<ShardDir> shards, List<String> problems) {
        Object experiment = shards.get(0).manifest().get("experiment");
        int n = shards.get(0).shard().n();
        boolean[] seen = new boolean[n + 1];
        for (ShardDir s : shards) {
            if (!experiment.equals(s.manifest().get("experiment")) || s.shard().n() != n) {
                problems.add("SHARD_DIR: shard of another run (" + s.dir() + ": " + s.manifest().get("experiment")
                        + " " + s.shard() + "), expected experiment " + experiment + " in " + n + " shards");
            } else if (seen[s.shard().k()]) {
                problems.add("SHARD_DIR: shard given twice (" + s.dir() + ": " + s.shard() + "), expected each once");
            } else {
                seen[s.shard().k()] = true;
            }
        }
        for (int k = 1; k <= n && problems.isEmpty(); k++) {
            if (!seen[k]) {
                problems.add("SHARD_DIR: shard missing (" + k + "/" + n + "), expected all of 1/" + n + " .. " + n + "/" + n);
            }
        }
    }

    private static void concatenate(List<ShardDir> shards, String file, Path outDir) throws IOException {
        List<String> lines = new ArrayList<>();
        String header = null;
        for (ShardDir s : shards) {
            List<String> part = Files.readAllLines(s.dir().resolve(file), StandardCharsets.UTF_8);
            if (part.isEmpty()) {
                throw new UsageError("SHARD_DIR: empty " + file + " (" + s.dir() + "), expected a header row");
            }
            if (header == null) {
                header = part.get(0);
                lines.add(header);
            } else if (!header.equals(part.get(0))) {
                throw new UsageError("SHARD_DIR: " + file + " columns differ (" + s.dir() + "), expected " + header);
            }
            lines.addAll(part.subList(1, part.size()));
        }
        Files.write(outDir.resolve(file), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
