package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.config.RunOptions;
import io.deepedge.experiments.run.Manifest;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.ResultFiles;
import io.deepedge.experiments.run.RunList;
import io.deepedge.experiments.run.RunTask;
import io.deepedge.hw.coordinator.Coordinator;
import io.deepedge.hw.coordinator.TestbedData;
import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.RunResult;
import io.deepedge.plots.Comparison;
import io.deepedge.plots.Report;
import io.deepedge.plots.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code deepedge testbed}: every policy of a config carried out on real agents, into a result directory. */
@Command(name = "testbed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Carry out every policy of the experiment config on the hardware runner, each for N replications:",
                "real DL4J training of the update job on drifted Fashion-MNIST and real LC inference services.",
                "--local starts one agent process per configured device on 127.0.0.1, each under its testbed.cpus quota.",
                "Writes runs.csv, services.csv, summary.csv, manifest.json, report.html and plots/ (mode testbed)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure while running", "2:invalid config or arguments (nothing run)"})
public final class TestbedCommand implements Callable<Integer>, ArgumentProblems.Sink {
    /** Epochs of the base model on the original images (trained once, cached). */
    static final int BASE_EPOCHS = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML file (see README, 'Config reference')")
    private Path config;

    @Option(names = "--local", description = "start one agent per configured device on this machine (required for now)")
    private boolean local;

    @Option(names = "--agent", paramLabel = "HOST:PORT", description = "a remote agent (not supported yet)")
    private List<String> agents;

    @Option(names = "--out", paramLabel = "DIR", description = "result directory (default: out/<experiment name>/); "
            + "must be new or a previous result directory of this tool, which is then replaced")
    private String out;

    @Option(names = "--replications", paramLabel = "N", description = "replications per policy (default: the config's)")
    private Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "master seed (default: the config's)")
    private Long seed;

    @Option(names = "--policies", paramLabel = "a,b", split = ",", description = "run only these policies (default: the config's list)")
    private List<String> policies;

    @Option(names = "--baseline", paramLabel = "POLICY", description = "compare every policy with this one in "
            + "comparison.csv and the report (default: the first of the policies run that is a baseline policy, "
            + "else the first policy)")
    private String baseline;

    @Option(names = "--quiet", description = "no progress on stderr")
    private boolean quiet;

    private final List<String> parseProblems = new ArrayList<>();

    @Override
    public void argumentProblems(List<String> problems) {
        parseProblems.addAll(problems);
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(parseProblems);
        checkArguments(problems);
        RunOptions options = ExperimentRun.options(RunOptions.defaults().withThreads(1), policies, replications);
        ExperimentConfig cfg = ExperimentRun.load(config, options, problems).orElse(null);
        NetworkSpec network = cfg == null ? null : TestbedChecks.network(cfg, config, problems);
        String target = ExperimentRun.target(out, config, cfg, problems);
        String base = cfg == null ? null : ReportSetup.baseline(baseline, policies == null ? cfg.policies() : policies,
                problems);
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        try (OutputDirectory dir = ExperimentRun.reserve("--out", target)) {
            return run(cfg, network, base, dir);
        }
    }

    private void checkArguments(List<String> problems) {
        if (replications != null && (replications < 1 || replications > 10_000)) {
            problems.add(ProblemText.of("--replications", "must be between 1 and 10000", replications.toString(),
                    "a positive count"));
        }
        if (agents != null && !agents.isEmpty()) {
            problems.add(ProblemText.of("--agent", "remote agents are not supported yet", String.join(",", agents),
                    "--local (one agent process per configured device on this machine)"));
        } else if (!local) {
            problems.add(ProblemText.of("--local", "missing", "none given",
                    "--local (remote agents with --agent are not supported yet)"));
        }
    }

    private Integer run(ExperimentConfig cfg, NetworkSpec network, String base, OutputDirectory dir)
            throws IOException, InterruptedException {
        List<String> runPolicies = policies == null ? cfg.policies() : policies;
        int reps = replications == null ? cfg.replications() : replications;
        long masterSeed = seed == null ? cfg.seed() : seed;
        GridPoint point = cfg.gridPoints().get(0);
        List<RunTask> tasks = RunList.of(cfg, runPolicies, reps, masterSeed);
        Instant start = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progress = quiet ? null : err;
        TestbedData data = TestbedData.load(network, BASE_EPOCHS);
        int samples = Math.toIntExact(point.scenario().job().orElseThrow().samples());
        if (samples > data.availableTrainImages()) {
            throw new UsageError(List.of(ProblemText.of(config + ": training.samples", "more than the training images "
                    + "available (" + data.availableTrainImages() + " in " + data.original().train().source() + ")",
                    String.valueOf(samples), "at most " + data.availableTrainImages())));
        }
        List<LocalCluster.Device> devices = point.scenario().devices().stream()
                .map(d -> new LocalCluster.Device(d.name(), point.testbed().cpus(d.name()))).toList();
        List<RunResult> results = new ArrayList<>();
        String quotaMode;
        String quotaWarning;
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("testbed", devices,
                AgentLauncher.javaMain(Main.class.getName(), List.of("agent"), AgentLauncher.DEFAULT_JVM_OPTIONS)))) {
            quotaMode = String.valueOf(cluster.quotas().mode());
            quotaWarning = cluster.quotas().warning().orElse("");
            if (!quotaWarning.isEmpty() && progress != null) {
                progress.println("warning: " + quotaWarning);
            }
            Coordinator coordinator = new Coordinator(cluster, data, network, progress);
            for (RunTask t : tasks) {
                if (progress != null) {
                    progress.printf("run %d/%d: %s replication %d%n", t.index() + 1, tasks.size(), t.policy(),
                            t.replication());
                    progress.flush();
                }
                results.add(coordinator.run(t.scenario(), t.policy(), t.replication(), t.seed()));
            }
        }
        ResultFiles.write(dir.path(), results, cfg.sweepPaths());
        Summary.write(dir.path());
        ReportSetup.printWarnings(err, Comparison.write(dir.path(), java.util.Optional.of(base)).warnings());
        Manifest manifest = manifest(cfg, runPolicies, reps, masterSeed, start, network, data, quotaMode, quotaWarning)
                .put(ReportSetup.BASELINE_FIELD, base);
        Report.write(dir.path(), ReportSetup.context(base, manifest.fields()));
        manifest.write(dir.path().resolve("manifest.json"));
        Path done = dir.commit();
        PrintWriter o = spec.commandLine().getOut();
        SummaryTable.print(o, done.resolve("summary.csv"));
        o.println("results: " + done);
        return Main.EXIT_OK;
    }

    private Manifest manifest(ExperimentConfig cfg, List<String> runPolicies, int reps, long masterSeed, Instant start,
                              NetworkSpec network, TestbedData data, String quotaMode, String quotaWarning)
            throws IOException {
        List<Object> points = new ArrayList<>();
        cfg.gridPoints().forEach(p -> points.add(java.util.Map.of("values", p.values(),
                "scenario", Manifest.describe(p.scenario()))));
        return new Manifest()
                .put("experiment", cfg.name())
                .put("mode", "testbed")
                .put("configFile", config.toString())
                .put("configText", cfg.text())
                .put("seed", masterSeed)
                .put("replications", reps)
                .put("policies", runPolicies)
                .put("sweepPaths", cfg.sweepPaths())
                .put("shard", "1/1")
                .put("noTiming", false)
                .put("resolved", points)
                .put("versions", Manifest.versions())
                .put("commandLine", "deepedge " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .put("testbed", java.util.Map.of(
                        "agents", "local",
                        "network", network.describe(),
                        "data", data.original().train().source(),
                        "baseModel", data.baseModelFile().getFileName().toString(),
                        "cpuQuotaMode", quotaMode,
                        "cpuQuotaWarning", quotaWarning,
                        "planningFigures", "the config's device profiles and service times (no calibration yet)"))
                .put("startTime", start.toString())
                .put("endTime", Instant.now().toString());
    }
}
