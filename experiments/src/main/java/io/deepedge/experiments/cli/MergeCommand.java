package io.deepedge.experiments.cli;

import io.deepedge.experiments.run.Manifest;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.OutputTarget;
import io.deepedge.experiments.run.ResultFiles;
import io.deepedge.experiments.run.ShardManifests;
import io.deepedge.plots.Comparison;
import io.deepedge.plots.Report;
import io.deepedge.plots.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code deepedge merge OUT SHARD_DIR...}: joins the result directories of {@code --shard 1/N .. N/N}; shards
 * are contiguous slices of the run list, so their rows concatenated in shard order are a single run's rows.
 * The shards must be one experiment (same config text, seed, replications, policies, grid) and complete.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the result directories of --shard 1/N .. N/N into one, as if run at once.",
                "Refuses shards of different experiments or settings, and missing, repeated or incomplete shards."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure while merging", "2:invalid shards or arguments (nothing written)"})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "merged result directory to write: new, or a previous "
            + "result directory of this tool (replaced)")
    private String out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHARD_DIR", description = "result directories of the shards, in any order")
    private List<Path> shardDirs;

    @Option(names = "--no-report", description = "write the CSV files and manifest only, no report.html or plots")
    private boolean noReport;

    @Override
    public Integer call() throws IOException {
        List<String> problems = new ArrayList<>();
        List<ShardManifests.Shard> shards = ShardManifests.read(shardDirs, problems);
        List<OutputTarget.Input> inputs = shardDirs.stream()
                .map(d -> new OutputTarget.Input(d, "shard directory")).toList();
        problems.addAll(OutputTarget.problems("OUT", out, inputs));
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        try (OutputDirectory dir = ExperimentRun.reserve("OUT", out)) {
            for (String file : ResultFiles.PER_RUN_FILES) {
                // histograms.csv, timeline.csv and rounds.csv are absent from shards of older versions (checked: in all
                // or none)
                if (java.nio.file.Files.exists(shards.get(0).dir().resolve(file))) {
                    concatenate(shards, file, dir.path());
                }
            }
            Summary.write(dir.path());
            Manifest manifest = new Manifest();
            shards.get(0).manifest().forEach(manifest::put);
            manifest.put("shard", "1/1");
            manifest.put("mergedFrom", shards.stream().map(s -> s.dir().toString()).toList());
            manifest.put("mergeCommandLine", "deepedge " + String.join(" ",
                    spec.commandLine().getParseResult().originalArgs()));
            String base = ReportSetup.recordedBaseline(manifest.fields());
            manifest.put(ReportSetup.BASELINE_FIELD, base);
            // the shards wrote no comparison (each held a slice of the replications): the merged runs pair up
            ReportSetup.printWarnings(spec.commandLine().getErr(),
                    Comparison.write(dir.path(), Optional.of(base)).warnings());
            if (!noReport) {
                Report.write(dir.path(), ReportSetup.context(base, manifest.fields()));
            }
            manifest.write(dir.path().resolve("manifest.json"));
            Path done = dir.commit();
            spec.commandLine().getOut().println("merged " + shards.size() + " shards: " + done);
        }
        return Main.EXIT_OK;
    }

    /** Shards in order (checked to share one header), their data rows appended. */
    private static void concatenate(List<ShardManifests.Shard> shards, String file, Path outDir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Files.readAllLines(shards.get(0).dir().resolve(file), StandardCharsets.UTF_8).get(0));
        for (ShardManifests.Shard s : shards) {
            List<String> part = Files.readAllLines(s.dir().resolve(file), StandardCharsets.UTF_8);
            lines.addAll(part.subList(1, part.size()));
        }
        Files.write(outDir.resolve(file), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
