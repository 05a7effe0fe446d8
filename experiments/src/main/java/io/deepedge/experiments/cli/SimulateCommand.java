package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.config.RunOptions;
import io.deepedge.experiments.run.Executor;
import io.deepedge.experiments.run.Manifest;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.ResultFiles;
import io.deepedge.experiments.run.RunList;
import io.deepedge.experiments.run.RunTask;
import io.deepedge.experiments.run.Shard;
import io.deepedge.models.RunResult;
import io.deepedge.plots.Comparison;
import io.deepedge.plots.Report;
import io.deepedge.plots.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code deepedge simulate}: every policy of a config, each for N replications, into a result directory. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate every policy of the experiment config for N replications.",
                "Writes runs.csv, services.csv, summary.csv, manifest.json, report.html and plots/ into the output directory.",
                "Every policy of a replication replays the same random streams (common random numbers)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure while running", "2:invalid config or arguments (nothing run)"})
public final class SimulateCommand implements Callable<Integer>, ArgumentProblems.Sink {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML file (see README, 'Config reference')")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "result directory (default: out/<experiment name>/); "
            + "must be new or a previous result directory of this tool, which is then replaced")
    private String out;

    @Option(names = "--replications", paramLabel = "N", description = "replications per policy (default: the config's)")
    private Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "master seed (default: the config's)")
    private Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "runs simulated in parallel (default: all cores); results do not depend on it")
    private Integer threads;

    @Option(names = "--policies", paramLabel = "a,b", split = ",", description = "simulate only these policies (default: the config's list)")
    private List<String> policies;

    @Option(names = "--shard", paramLabel = "K/N", description = "run only the K-th of N contiguous slices of the run list (policy x replication x grid point); join with 'merge'")
    private String shard;

    @Option(names = "--no-timing", description = "leave the wall-clock column plan_time_ms empty, so repeated runs are byte-identical")
    private boolean noTiming;

    @Option(names = "--quiet", description = "no progress on stderr")
    private boolean quiet;

    @Option(names = "--progress-after", paramLabel = "SEC", description = "show progress only once the runs have "
            + "taken this long (default: ${DEFAULT-VALUE}; 0: from the start): a bar with ETA on a terminal, else a line each 10 %%")
    private double progressAfterSec = 2;

    @Option(names = "--baseline", paramLabel = "POLICY", description = "compare every policy with this one in "
            + "comparison.csv and the report (default: the first of the policies run that is a baseline policy, "
            + "else the first policy)")
    private String baseline;

    @Option(names = "--host-speed", paramLabel = "DIR|FILE", description = "a digital twin's runs each on the host"
            + " the testbed run of the same policy, replication and grid point met: a testbed result directory (its"
            + " host-speed.csv) or such a file; the twin's profiles must have recorded their own host")
    private Path hostSpeed;

    @Option(names = "--host-trace", paramLabel = "DIR|FILE", description = "a digital twin's runs each on the host"
            + " the testbed run of the same policy, replication and grid point met, second by second: a testbed result"
            + " directory (its host-steps.csv) or such a file; the twin's profiles must have recorded their own host;"
            + " not with --host-speed")
    private Path hostTrace;

    @Option(names = "--no-report", description = "write the CSV files and manifest only, no report.html or plots (draw them later with 'report DIR'; useful for shards)")
    private boolean noReport;

    /** Problems the parser found (a value of the wrong type, an unknown option), reported with the rest. */
    private final List<String> parseProblems = new ArrayList<>();

    @Override
    public void argumentProblems(List<String> problems) {
        parseProblems.addAll(problems);
    }

    @Override
    public Integer call() throws Exception {
        // Argument, config and output problems are collected together, so one attempt shows them all.
        List<String> problems = new ArrayList<>(parseProblems);
        Arguments args = checkArguments(problems);
        RunOptions options = ExperimentRun.options(RunOptions.defaults().withThreads(args.threads), policies, replications);
        ExperimentConfig cfg = ExperimentRun.load(config, options, problems).orElse(null);
        String target = ExperimentRun.target(out, config, cfg, problems);
        String base = cfg == null ? null : ReportSetup.baseline(baseline, runPolicies(cfg), problems);
        if (hostSpeed != null && hostTrace != null) {
            problems.add(ProblemText.of("--host-trace", "given with --host-speed", hostTrace.toString(),
                    "one of them: the run's mean host (--host-speed) or its host second by second (--host-trace)"));
        }
        Optional<HostReplay> replay = hostSpeed == null || cfg == null ? Optional.empty()
                : HostReplay.read(hostSpeed, cfg, problems);
        Optional<HostTraceReplay> traceReplay = hostTrace == null || cfg == null ? Optional.empty()
                : HostTraceReplay.read(hostTrace, cfg, problems);
        List<RunTask> tasks = cfg == null || args.shard == null ? List.of() : tasks(cfg, args);
        if (replay.isPresent()) {
            tasks = replay.get().apply(tasks, problems);
        }
        if (traceReplay.isPresent()) {
            tasks = traceReplay.get().apply(tasks, problems);
        }
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        try (OutputDirectory dir = ExperimentRun.reserve("--out", target)) {
            return run(cfg, args, base, tasks, dir);
        }
    }

    /** The runs to simulate: the run list's slice {@code --shard} names. */
    private List<RunTask> tasks(ExperimentConfig cfg, Arguments args) {
        return args.shard.slice(RunList.of(cfg, runPolicies(cfg), reps(cfg), masterSeed(cfg)));
    }

    private List<String> runPolicies(ExperimentConfig cfg) {
        return policies == null ? cfg.policies() : policies;
    }

    private int reps(ExperimentConfig cfg) {
        return replications == null ? cfg.replications() : replications;
    }

    private long masterSeed(ExperimentConfig cfg) {
        return seed == null ? cfg.seed() : seed;
    }

    private Integer run(ExperimentConfig cfg, Arguments args, String base, List<RunTask> tasks, OutputDirectory dir)
            throws java.io.IOException {
        List<String> runPolicies = runPolicies(cfg);
        int reps = reps(cfg);
        long masterSeed = masterSeed(cfg);
        Instant start = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        long simStart = System.nanoTime();
        List<RunResult> results;
        try (Progress progress = Progress.start(Progress.mode(quiet), tasks.size(), err, System.err, progressAfterSec)) {
            results = Executor.simulate(tasks, args.threads, progress);
        }
        double simWallSec = (System.nanoTime() - simStart) / 1e9;
        if (noTiming) {
            results = results.stream().map(r -> r.withPlanTimeMs(Double.NaN)).toList();
        }
        ResultFiles.write(dir.path(), results, cfg.sweepPaths());
        Summary.write(dir.path());
        if (args.shard.equals(Shard.ALL)) {
            // a shard holds a slice of the replications: merge pairs them and writes comparison.csv
            ReportSetup.printWarnings(err, Comparison.write(dir.path(), Optional.of(base)).warnings());
        }
        Manifest manifest = manifest(cfg, runPolicies, reps, masterSeed, args, start).put(ReportSetup.BASELINE_FIELD, base);
        if (hostSpeed != null) {
            // the runs replayed a testbed's hosts: where from, for whoever reads these results later
            manifest.put("hostSpeedFrom", hostSpeed.toAbsolutePath().normalize().toString());
        }
        if (hostTrace != null) {
            manifest.put("hostTraceFrom", hostTrace.toAbsolutePath().normalize().toString());
        }
        if (!noReport) {
            Report.write(dir.path(), ReportSetup.context(base, manifest.fields()));
        }
        // the manifest goes last: it is what marks a folder as a finished result directory of this tool
        manifest.write(dir.path().resolve("manifest.json"));
        Path done = dir.commit();
        PrintWriter o = spec.commandLine().getOut();
        SummaryTable.print(o, done.resolve("summary.csv"));
        long requests = results.stream().mapToLong(RunResult::lcRequests).sum();
        o.printf(java.util.Locale.ROOT, "simulated %d runs, %d LC requests in %.2f s wall on %d threads (%.0f requests/s)%n",
                results.size(), requests, simWallSec, args.threads, requests / simWallSec);
        o.println("results: " + done);
        return Main.EXIT_OK;
    }

    private record Arguments(Shard shard, int threads) {
    }

    /** Checks the options the loader does not; {@code --policies} is checked with the config it changes. */
    private Arguments checkArguments(List<String> problems) {
        if (replications != null && (replications < 1 || replications > 10_000)) {
            problems.add(ProblemText.of("--replications", "must be between 1 and 10000", replications.toString(),
                    "a positive count"));
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            problems.add(ProblemText.of("--threads", "must be between 1 and 1024", threads.toString(),
                    "a positive count"));
        }
        Shard s = Shard.ALL;
        if (shard != null) {
            s = Shard.parse(shard).orElse(null);
            if (s == null) {
                problems.add(ProblemText.of("--shard", "not a slice", shard, "K/N with 1 <= K <= N, e.g. 2/8"));
            }
        }
        if (!(progressAfterSec >= 0 && progressAfterSec <= 86_400)) {
            problems.add(ProblemText.of("--progress-after", "out of range", String.valueOf(progressAfterSec),
                    "seconds between 0 and 86400"));
        }
        int t = threads == null || threads < 1 || threads > 1024 ? Runtime.getRuntime().availableProcessors() : threads;
        return new Arguments(s, t);
    }

    private Manifest manifest(ExperimentConfig cfg, List<String> runPolicies, int reps, long masterSeed, Arguments args,
                              Instant start) throws java.io.IOException {
        List<Object> points = new ArrayList<>();
        cfg.gridPoints().forEach(p -> points.add(java.util.Map.of("values", p.values(),
                "scenario", Manifest.describe(p.scenario()))));
        return new Manifest()
                .put("experiment", cfg.name())
                .put("mode", "sim")
                .put("configFile", config.toString())
                .put("configText", cfg.text())
                .put("seed", masterSeed)
                .put("replications", reps)
                .put("policies", runPolicies)
                .put("sweepPaths", cfg.sweepPaths())
                .put("shard", args.shard.toString())
                .put("noTiming", noTiming)
                .put("resolved", points)
                .put("versions", Manifest.versions())
                .put("commandLine", "deepedge " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .put("threads", args.threads)
                .put("startTime", start.toString())
                .put("endTime", Instant.now().toString());
    }
}
