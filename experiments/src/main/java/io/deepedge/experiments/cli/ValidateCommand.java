package io.deepedge.experiments.cli;

import io.deepedge.experiments.run.Manifest;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.OutputTarget;
import io.deepedge.experiments.run.ValidationDirs;
import io.deepedge.plots.ResultFileException;
import io.deepedge.plots.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code deepedge validate SIM_DIR REAL_DIR}: how far the simulator's means are from the real runs' of one
 * experiment, per policy and metric (validation.csv, scatter plots, report.html), and one line on the terminal.
 * Everything is read and checked before the output folder is reserved; it is written like simulate's.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Compare a simulated (simulate) and a real (testbed) result directory of one experiment.",
                "Writes validation.csv (per policy and metric: sim_mean, real_mean, rel_error = (sim - real) / real, "
                        + "both sides' 95 %% CI and run counts), plots/validation_*.png|svg and report.html;",
                "with both sides' timeline.csv also validation-timeline.csv (per policy and device, the seconds in each "
                        + "training state on each side).",
                "With --repeatability both are testbed directories of one experiment: the same table then says how far "
                        + "two real runs lie apart (sim_* columns: SIM_DIR, the run compared)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure while writing",
                "2:invalid directories or arguments, or directories of different experiments (nothing written)"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SIM_DIR", description = "result directory written by simulate (mode sim)")
    private Path simDir;

    @Parameters(index = "1", paramLabel = "REAL_DIR", description = "result directory of the same experiment written by testbed (mode testbed)")
    private Path realDir;

    @Option(names = "--repeatability", description = "compare two testbed runs of the experiment (SIM_DIR written by "
            + "testbed too): how far the testbed lies from itself, the floor a twin's error is read against")
    private boolean repeatability;

    @Option(names = "--resolve", paramLabel = "PCT", description = "the +/- relative error, in per cent (above 0, "
            + "below 1000), the runs-a-cell-to-resolve figures plan for (default 10): how many runs each side "
            + "needs for the 95 %% interval of a row's error to be that narrow, at each metric's median spread over "
            + "its runs")
    private Double resolvePercent;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<experiment name>-validation/); "
            + "must be new or a previous result directory of this tool, which is then replaced")
    private String out;

    @Override
    public Integer call() throws IOException {
        Instant start = Instant.now();
        List<String> problems = new ArrayList<>();
        if (resolvePercent != null && !(resolvePercent > 0 && resolvePercent < 1000)) {
            problems.add("--resolve must be a per cent above 0 and below 1000, got " + resolvePercent);
        }
        Optional<ValidationDirs.Pair> dirs = ValidationDirs.check(simDir, realDir, repeatability, problems);
        Validation validation = null;
        if (dirs.isPresent()) {
            try {
                validation = Validation.read(simDir, realDir);
            } catch (ResultFileException e) {
                problems.addAll(e.problems());
            }
        }
        String target = out != null ? out
                : dirs.map(d -> Path.of("out", d.sim().experiment() + "-validation").toString()).orElse(null);
        if (target != null) {
            problems.addAll(OutputTarget.problems("--out", target, inputs()));
        }
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        ValidationDirs.Pair pair = dirs.get();
        if (resolvePercent != null) {
            validation = validation.resolving(resolvePercent / 100);
        }
        PrintWriter err = spec.commandLine().getErr();
        pair.warnings().forEach(err::println);
        try (OutputDirectory dir = ExperimentRun.reserve("--out", target)) {
            // the page names its sides simulated and real: with --repeatability its title says both are real
            validation.write(dir.path(), pair.sim().experiment() + (repeatability ? " (repeatability: two testbed runs,"
                    + " SIM_DIR's in the simulated columns)" : ""), label(pair.sim()), label(pair.real()));
            manifest(pair, start).write(dir.path().resolve("manifest.json"));
            Path done = dir.commit();
            PrintWriter o = spec.commandLine().getOut();
            o.println((repeatability ? "repeatability (two testbed runs): " : "") + validation.summaryLine());
            validation.cpuSummary().ifPresent(o::println);
            validation.hostSummary().ifPresent(o::println);
            o.println("validation: " + done);
        }
        return Main.EXIT_OK;
    }

    /** The inputs the output must neither be nor contain: --out may never replace a directory it reads. */
    private List<OutputTarget.Input> inputs() {
        return List.of(new OutputTarget.Input(simDir, "SIM_DIR result directory"),
                new OutputTarget.Input(realDir, "REAL_DIR result directory"));
    }

    private static String label(ValidationDirs.Dir dir) {
        Map<String, Object> m = dir.manifest();
        return dir.path() + " (mode " + m.get("mode") + ", seed " + m.get("seed") + ", " + m.get("replications")
                + " replications)";
    }

    private Manifest manifest(ValidationDirs.Pair pair, Instant start) {
        return new Manifest()
                .put("experiment", pair.sim().experiment())
                .put("mode", "validation")
                .put("repeatability", repeatability)
                .put("configSha256", ValidationDirs.sha256(String.valueOf(pair.sim().manifest().get("configText"))))
                .put("policies", pair.sim().manifest().get("policies"))
                .put("sim", source(pair.sim()))
                .put("real", source(pair.real()))
                .put("versions", Manifest.versions())
                .put("commandLine", "deepedge " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .put("startTime", start.toString())
                .put("endTime", Instant.now().toString());
    }

    /** What identifies an input directory's runs. */
    private static Map<String, Object> source(ValidationDirs.Dir dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.path().toAbsolutePath().normalize().toString());
        for (String field : List.of("mode", "seed", "replications", "commandLine", "startTime", "endTime")) {
            m.put(field, dir.manifest().get(field));
        }
        return m;
    }
}
