package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.config.RunOptions;
import io.deepedge.experiments.run.Manifest;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.RunList;
import io.deepedge.experiments.run.RunTask;
import io.deepedge.experiments.run.TestbedResume;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.cluster.RemoteCluster;
import io.deepedge.hw.coordinator.AgentRegistry;
import io.deepedge.hw.coordinator.Coordinator;
import io.deepedge.hw.coordinator.ProgressWriter;
import io.deepedge.hw.coordinator.Rehearsal;
import io.deepedge.hw.coordinator.TestbedData;
import io.deepedge.hw.coordinator.TestbedSetup;
import io.deepedge.hw.local.HostProbeProcess;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/** {@code deepedge testbed}: every policy of a config carried out on real agents, into a result directory. */
@Command(name = "testbed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Carry out every policy of the experiment config on the hardware runner, each for N replications:",
                "real DL4J training of the update job on drifted Fashion-MNIST and real LC inference services.",
                "--local starts one agent process per configured device on 127.0.0.1, each under its testbed.cpus quota;",
                "--agent HOST:PORT (once per device) drives agents started with ./deepedge agent, matched by their --name.",
                "Writes runs.csv, services.csv, summary.csv, manifest.json, report.html and plots/ (mode testbed)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure while running", "2:invalid config or arguments (nothing run)"})
public final class TestbedCommand implements Callable<Integer>, ArgumentProblems.Sink {
    /** Epochs of the base model on the original images (trained once, cached). */
    static final int BASE_EPOCHS = 2;
    private static final String ORDER_INTERLEAVED = "interleaved";
    private static final String ORDER_POLICY = "policy";
    private static final List<String> ORDERS = List.of(ORDER_INTERLEAVED, ORDER_POLICY);

    /** The most --rehearsals takes: a second rehearsal already measured no gain over the first (README). */
    static final int MAX_REHEARSALS = 3;
    /** The manifest's {@code cpuQuotaMode} for {@code --agent} runs. */
    static final String REMOTE_QUOTA_MODE = "REMOTE (no quota: remote agents use their own machines' CPUs)";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML file (see README, 'Config reference')")
    private Path config;

    @Option(names = "--local", description = "start one agent per configured device on this machine")
    private boolean local;

    @Option(names = "--agent", paramLabel = "HOST:PORT",
            description = "a running agent (./deepedge agent --name DEVICE ...), once per configured device; needs --token-file")
    private List<String> agents;

    @Option(names = "--token-file", paramLabel = "F", description = "with --agent: the file holding the agents' shared token")
    private Path tokenFile;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "with --agent: connect over TLS, trusting agents' certificates issued by this CA (PEM)")
    private Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "with --tls-ca: this coordinator's certificate (PEM), for agents that require mutual TLS")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "with --tls-cert: its private key (unencrypted PKCS#8 PEM)")
    private Path tlsKey;

    @Option(names = "--out", paramLabel = "DIR", description = "result directory (default: out/<experiment name>/); "
            + "must be new or a previous result directory of this tool, which is then replaced")
    private String out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue a testbed command of the same config that "
            + "was killed before it finished (SIGKILL, power loss) and was writing to DIR: its completed runs are kept, "
            + "the interrupted run continues from its last checkpoint (--local only)")
    private String resume;

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

    @Option(names = "--rehearsals", paramLabel = "N", description = "untimed rehearsals of the first run of each grid "
            + "point before its measured runs, 0 to 3 (default 1): the same policy, seed and job without failures, at "
            + "most " + Rehearsal.MAX_SEC + " s after the job's submission, results discarded, so that the run "
            + "measured first does not pay for the coordinator's and the agents' JIT compilation, nor the first at a "
            + "new grid point for the agents settling to its load")
    private Integer rehearsals;

    @Option(names = "--order", paramLabel = "ORDER", description = "the order the runs are carried out in: interleaved "
            + "(the default: at each grid point every policy's run of a replication before the next replication's, so "
            + "the policies compared share the machine's state as they share the seed) or policy (each policy's "
            + "replications one after another, the order before 2026-12-04); result files list the runs the same way "
            + "either way")
    private String order;

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
        RunOptions options = ExperimentRun.options(RunOptions.defaults().withThreads(1).withCalibratedFigures(),
                policies, replications);
        ExperimentConfig cfg = ExperimentRun.load(config, options, problems).orElse(null);
        NetworkSpec network = cfg == null ? null : TestbedChecks.network(cfg, config, problems);
        if (resume != null && out != null && !Path.of(out).toAbsolutePath().normalize()
                .equals(Path.of(resume).toAbsolutePath().normalize())) {
            problems.add(ProblemText.of("--out", "names another folder than --resume", out,
                    "no --out with --resume (the results go where the interrupted command wrote them: " + resume + ")"));
        }
        if (cfg != null && agents != null && !agents.isEmpty() && !local) {
            if (!cfg.gridPoints().get(0).scenario().failures().isEmpty()) {
                problems.add(ProblemText.of(config + ": failures", "needs --local (the testbed kills and restarts the "
                        + "agents it started)", cfg.gridPoints().get(0).scenario().failures().size() + " failures",
                        "--local, or a config without failures for --agent"));
            }
            if (resume != null) {
                problems.add(ProblemText.of("--resume", "needs --local", resume, "--local"));
            }
        }
        String target = ExperimentRun.target(resume != null ? resume : out, config, cfg, problems);
        Path interrupted = problems.isEmpty() && resume != null ? interrupted(cfg, target, problems) : null;
        String base = cfg == null ? null : ReportSetup.baseline(baseline, policies == null ? cfg.policies() : policies,
                problems);
        RemoteCluster remote = cfg == null ? null
                : agentArguments().connect(cfg, config, spec.commandLine().getErr(), problems);
        try {
            if (!problems.isEmpty()) {
                throw new UsageError(problems);
            }
            if (interrupted == null) {
                // a new run replaces whatever a killed earlier run into the same folder left to resume
                OutputDirectory.removeResumable(Path.of(target));
            }
            try (QuietLogging quietLog = QuietLogging.when(quiet);
                 OutputDirectory dir = interrupted == null ? ExperimentRun.reserve("--out", target)
                    : OutputDirectory.adopt(Path.of(target), interrupted)) {
                return run(cfg, network, base, dir, remote, interrupted != null);
            }
        } finally {
            if (remote != null) {
                remote.close();
            }
        }
    }

    /** The experiment as --resume must find it again. */
    private Map<String, Object> identity(ExperimentConfig cfg) {
        Map<String, Object> id = new java.util.LinkedHashMap<>();
        id.put("configText", cfg.text());
        id.put("seed", seed == null ? cfg.seed() : seed);
        id.put("replications", replications == null ? cfg.replications() : replications);
        id.put("policies", policies == null ? cfg.policies() : policies);
        return id;
    }

    /** The state a killed testbed command of this experiment left for {@code target}; null with problems added. */
    private Path interrupted(ExperimentConfig cfg, String target, List<String> problems) {
        List<Path> found;
        try {
            found = OutputDirectory.resumable(Path.of(target));
        } catch (IOException e) {
            found = List.of();
        }
        if (found.isEmpty()) {
            problems.add(ProblemText.of("--resume", "no interrupted testbed run wrote to this folder", resume,
                    "the --out folder of a testbed command of this config that was killed before it finished"
                            + " (it leaves a hidden folder ." + Path.of(target).getFileName()
                            + ".incomplete-PID-* holding " + TestbedResume.DIR + "/)"));
            return null;
        }
        List<String> differ = TestbedResume.mismatches(found.get(0), identity(cfg));
        for (String d : differ) {
            problems.add(ProblemText.of("--resume", "the interrupted run in " + found.get(0).getFileName()
                    + " is another experiment", d, "the same config text, seed, replications and policies"));
        }
        return differ.isEmpty() ? found.get(0) : null;
    }

    /** The agent options, checked and connected the same way as profile's. */
    private AgentArguments agentArguments() {
        return new AgentArguments(local, agents, tokenFile, tlsCa, tlsCert, tlsKey);
    }

    private void checkArguments(List<String> problems) {
        if (replications != null && (replications < 1 || replications > 10_000)) {
            problems.add(ProblemText.of("--replications", "must be between 1 and 10000", replications.toString(),
                    "a positive count"));
        }
        if (rehearsals != null && (rehearsals < 0 || rehearsals > MAX_REHEARSALS)) {
            problems.add(ProblemText.of("--rehearsals", "must be between 0 and " + MAX_REHEARSALS,
                    rehearsals.toString(), "0 (none), 1 (the default) .. " + MAX_REHEARSALS));
        }
        if (order != null && !ORDERS.contains(order)) {
            problems.add(ProblemText.of("--order", "is not a run order", order, String.join(" or ", ORDERS)));
        }
        agentArguments().check(problems);
    }

    /** The runs in the order they are carried out (--order). */
    private List<RunTask> executionOrder(List<RunTask> tasks) {
        return runOrder().equals(ORDER_POLICY) ? tasks : RunList.interleaved(tasks);
    }

    private String runOrder() {
        return order == null ? ORDER_INTERLEAVED : order;
    }

    /** Rehearsals before the first measured run, 1 unless given: one took most of the first run's excess away. */
    private int rehearsals() {
        return rehearsals == null ? 1 : rehearsals;
    }

    private Integer run(ExperimentConfig cfg, NetworkSpec network, String base, OutputDirectory dir,
                        RemoteCluster remote, boolean resumed)
            throws IOException, InterruptedException {
        List<String> runPolicies = policies == null ? cfg.policies() : policies;
        int reps = replications == null ? cfg.replications() : replications;
        long masterSeed = seed == null ? cfg.seed() : seed;
        GridPoint point = cfg.gridPoints().get(0);
        List<RunTask> tasks = RunList.of(cfg, runPolicies, reps, masterSeed);
        Instant start = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        ProgressWriter progress = quiet ? null : new ProgressWriter(err, ProgressWriter.stderrIsTerminal());
        TestbedData data = TestbedData.load(network, BASE_EPOCHS, progress);
        Map<String, String> modelIds = TestbedFigures.servedModelIds(point, data, BASE_EPOCHS, progress);
        List<LocalCluster.Device> devices = point.scenario().devices().stream()
                .map(d -> new LocalCluster.Device(d.name(), point.testbed().cpus(d.name()))).toList();
        TestbedResume state = resumed ? TestbedResume.open(dir.path()) : TestbedResume.create(dir.path(), identity(cfg));
        int kept = 0;
        double timeoutSec = point.scenario().job().orElseThrow().heartbeatTimeoutSec();
        String quotaMode;
        String quotaWarning;
        TestbedSetup setup;
        // local agents register and heartbeat here (loss by heartbeat timeout, return by registering again)
        try (AgentRegistry registry = LocalAgents.registry(devices, timeoutSec);
             AgentCluster cluster = LocalAgents.startUnless(remote, "testbed", devices, registry);
             // the host's speed as a fixed piece of training work sees it, beside the local agents (host-speed.csv);
             // closed, and so stopped, before the cluster removes its folder
             HostProbeProcess probe = cluster instanceof LocalCluster
                     ? HostProbeProcess.start(cluster.workDir().resolve("host-probe.log"),
                     HostProbeProcess.DEFAULT_PERIOD_MS) : null) {
            // remote agents run as their user started them: no quota from here (testbed.cpus does not apply)
            quotaMode = cluster instanceof LocalCluster l ? String.valueOf(l.quotas().mode()) : REMOTE_QUOTA_MODE;
            quotaWarning = cluster instanceof LocalCluster l ? l.quotas().warning().orElse("") : "";
            // no line of its own here: CpuQuotas logs the fallback as a WARNING, which --quiet keeps (QuietLogging)
            setup = TestbedFigures.calibrate(point, cluster, modelIds, network, data, progress);
            Coordinator coordinator = new Coordinator(cluster, data, network, progress, setup,
                    remote == null ? registry : null);
            coordinator.hostProbe(probe);
            List<RunTask> carriedOut = executionOrder(tasks);
            Set<Integer> rehearsed = rehearsedBefore(carriedOut, state::completed);
            int position = 0;
            for (RunTask t : carriedOut) {
                position++;
                boolean done = state.completed(t.index());
                if (rehearsed.contains(t.index())) {
                    rehearse(coordinator, t, cfg.gridPoints().size() > 1, state, progress);
                }
                if (progress != null) {
                    progress.printf("run %d/%d: %s replication %d%s%n", position, tasks.size(), t.policy(),
                            t.replication(), done ? ": completed before the interruption, kept" : "");
                    progress.flush();
                }
                if (done) {
                    kept++;
                    continue;
                }
                RunResult r = coordinator.run(t.scenario(), t.policy(), t.replication(), t.seed(),
                        state.checkpointDir(t.index()), resumed).withGridPoint(t.gridValues());
                state.complete(t.index(), r, cfg.sweepPaths());
            }
            if (probe != null && probe.received() == 0) {
                // its error output went to the cluster's folder, which is removed with it
                err.println("warning: the host-speed probe reported no step (its process "
                        + (probe.alive() ? "is still warming up" : "ended") + "): host-speed.csv has no figures");
            }
        } finally {
            if (progress != null) {
                progress.close(); // ends a status line; stderr itself stays open
            }
        }
        state.writeResults(dir.path(), tasks.size());
        state.delete();
        Summary.write(dir.path());
        ReportSetup.printWarnings(err, Comparison.write(dir.path(), Optional.of(base)).warnings());
        Manifest manifest = manifest(cfg, runPolicies, reps, masterSeed, start, network, data, quotaMode, quotaWarning,
                remote, setup, point).put(ReportSetup.BASELINE_FIELD, base).put("runsKeptFromInterruptedCommand", kept);
        Report.write(dir.path(), ReportSetup.context(base, manifest.fields()));
        manifest.write(dir.path().resolve("manifest.json"));
        Path done = dir.commit();
        PrintWriter o = spec.commandLine().getOut();
        SummaryTable.print(o, done.resolve("summary.csv"));
        o.println("results: " + done);
        return Main.EXIT_OK;
    }

    /**
     * The runs a rehearsal goes before: of each grid point, the first run still to do in the order {@code tasks} are
     * carried out (none of a point whose runs were all completed before an interruption). Both orders take the grid
     * points one after another. Why each point:
     * the first measured run after the LC rate changed was the slow one of its cell (the fidelity studies of
     * 2026-12-01/02, 26 cells at the second and third level: its re-training time a median 10.6 % above the mean of
     * the cell's other runs, 18 of 26 above; the second run of those cells a median 0.0 %, 13 of 26 above), as the
     * invocation's first run was before the rehearsal.
     */
    static Set<Integer> rehearsedBefore(List<RunTask> tasks, IntPredicate completed) {
        Set<Integer> before = new TreeSet<>();
        Set<Map<String, String>> points = new HashSet<>();
        for (RunTask t : tasks) {
            if (!completed.test(t.index()) && points.add(t.gridValues())) {
                before.add(t.index());
            }
        }
        return before;
    }

    /** The rehearsals of run {@code t} ({@code atPoint}: name its grid point in the progress). */
    private void rehearse(Coordinator coordinator, RunTask t, boolean atPoint, TestbedResume state,
                          PrintWriter progress) throws IOException, InterruptedException {
        for (int i = 1; i <= rehearsals(); i++) {
            if (progress != null) {
                progress.printf("rehearsal %d/%d: %s replication %d%s (untimed, results discarded)%n", i, rehearsals(),
                        t.policy(), t.replication(), atPoint ? " at " + pointText(t.gridValues()) : "");
                progress.flush();
            }
            try {
                coordinator.rehearse(t.scenario(), t.policy(), t.replication(), t.seed(), state.rehearsalDir());
            } finally {
                state.endRehearsal();
            }
        }
    }

    private static String pointText(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private Manifest manifest(ExperimentConfig cfg, List<String> runPolicies, int reps, long masterSeed, Instant start,
                              NetworkSpec network, TestbedData data, String quotaMode, String quotaWarning,
                              RemoteCluster remote, TestbedSetup setup, GridPoint point) throws IOException {
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
                .put("testbed", TestbedFigures.manifestBlock(network, data, quotaMode, quotaWarning, setup, point,
                        remote == null ? "local"
                                : remote.agents().stream().map(RemoteCluster.Agent::describe).toList(),
                        remote == null ? "plaintext on 127.0.0.1" : remote.security().describe()))
                .put("rehearsals", rehearsals())
                .put("runOrder", runOrder())
                .put("startTime", start.toString())
                .put("endTime", Instant.now().toString());
    }
}
