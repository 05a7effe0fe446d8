package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.run.RunTask;
import io.deepedge.models.HostProbe;
import io.deepedge.plots.HostSpeedFile;
import io.deepedge.sim.RunSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code simulate --host-speed DIR|FILE}: a digital twin's runs each on the host the testbed run of the same grid
 * point, policy and replication met. The testbed's {@code host-speed.csv} gives each run's probe figure (the CPU time
 * of a fixed LeNet step), the twin's profiles the figure of the host they were measured on ({@link
 * GridPoint#profileHost}); a CPU second of the run's host does {@code profile / run} of the profiles' work (the step's
 * CPU time is inversely its speed), which the twin's quota-limited devices then do ({@link RunSpec#hostSpeed}, in
 * place of the drawn speed). Every run to simulate must have its figure, and the twin its profiles' host: all
 * problems at once, before any run.
 */
final class HostReplay {
    /** How many runs without a figure a problem names before it counts the rest. */
    private static final int NAMED_RUNS = 5;

    private final Map<List<String>, HostSpeedFile.Run> byRun;
    private final List<String> sweepPaths;

    private HostReplay(Map<List<String>, HostSpeedFile.Run> byRun, List<String> sweepPaths) {
        this.byRun = byRun;
        this.sweepPaths = List.copyOf(sweepPaths);
    }

    /**
     * {@code given} (a result directory, then its host-speed.csv, or the file) read and checked against the config's
     * swept paths; empty, with every problem added, when it has any.
     */
    static Optional<HostReplay> read(Path given, ExperimentConfig cfg, List<String> problems) {
        Optional<Path> file = file(given, "--host-speed", "host-speed.csv", "a testbed result directory (its"
                + " host-speed.csv) or such a file", problems);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        List<String> fileProblems = new ArrayList<>();
        Optional<HostSpeedFile> read = HostSpeedFile.read(file.get(), fileProblems);
        fileProblems.forEach(p -> problems.add("--host-speed: " + p));
        if (read.isEmpty() || !sameSweep(read.get().sweepColumns(), cfg, file.get(), "--host-speed", "host-speed.csv",
                problems)) {
            return Optional.empty();
        }
        Map<List<String>, HostSpeedFile.Run> byRun = new HashMap<>();
        for (HostSpeedFile.Run r : read.get().runs()) {
            byRun.putIfAbsent(rowKey(read.get().sweepColumns(), cfg.sweepPaths(), r.point(), r.policy(),
                    r.replication()), r);
        }
        return Optional.of(new HostReplay(byRun, cfg.sweepPaths()));
    }

    /**
     * The file a replay option names: {@code given}'s {@code name} when it is a directory, else {@code given}; empty,
     * with the problem added, when there is no such file.
     */
    static Optional<Path> file(Path given, String option, String name, String expected, List<String> problems) {
        Path file = Files.isDirectory(given) ? given.resolve(name) : given;
        if (!Files.isRegularFile(file)) {
            problems.add(ProblemText.of(option, Files.isDirectory(given) ? "the directory has no " + name
                    : "no such file", given.toString(), expected));
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Whether a replay file's swept columns are the config's swept paths (in any order); the problem added if not. */
    static boolean sameSweep(List<String> fileSweep, ExperimentConfig cfg, Path file, String option, String name,
                             List<String> problems) {
        if (new HashSet<>(fileSweep).equals(new HashSet<>(cfg.sweepPaths()))) {
            return true;
        }
        problems.add(ProblemText.of(option, "swept columns differ from the config's swept paths", file + ": "
                + fileSweep, "the " + name + " of a testbed run of this config: " + cfg.sweepPaths()));
        return false;
    }

    /** A row's run key ({@link #key}): its sweep cells, in the file's column order, put in the config's. */
    static List<String> rowKey(List<String> fileSweep, List<String> configSweep, List<String> cells, String policy,
                               int replication) {
        List<String> point = new ArrayList<>();
        for (String path : configSweep) {
            point.add(cells.get(fileSweep.indexOf(path)));
        }
        return key(point, policy, replication);
    }

    /** A run's key: its grid point's cells in the config's sweep order, its policy and replication. */
    static List<String> key(List<String> point, String policy, int replication) {
        List<String> key = new ArrayList<>(point);
        key.add(policy);
        key.add(Integer.toString(replication));
        return key;
    }

    /** {@code t}'s grid point's cells in {@code sweepPaths}' order. */
    static List<String> pointOf(RunTask t, List<String> sweepPaths) {
        List<String> point = new ArrayList<>();
        for (String path : sweepPaths) {
            point.add(t.gridValues().getOrDefault(path, ""));
        }
        return point;
    }

    private HostSpeedFile.Run rowOf(RunTask t) {
        return byRun.get(key(pointOf(t, sweepPaths), t.policy(), t.replication()));
    }

    /**
     * What a replay could not find, reported together: runs without figures (the first few named) and twins whose
     * profiles recorded no host.
     */
    static final class Missing {
        private final String option;
        private final String figure;
        private final List<String> runs = new ArrayList<>();
        private boolean unprobed;

        Missing(String option, String figure) {
            this.option = option;
            this.figure = figure;
        }

        void unprobed() {
            unprobed = true;
        }

        void run(RunTask t) {
            runs.add(t.policy() + " replication " + t.replication() + (t.gridValues().isEmpty() ? ""
                    : " at " + t.gridValues()));
        }

        void report(List<String> problems) {
            if (unprobed) {
                problems.add(ProblemText.of(option, "the config's devices do not all come from profile files that"
                        + " recorded their host", "no hostProbe", "a digital twin whose profiles ./deepedge profile"
                        + " --local wrote (since 2026-12-06), every device from one"));
            }
            if (!runs.isEmpty()) {
                String named = String.join("; ", runs.subList(0, Math.min(NAMED_RUNS, runs.size())))
                        + (runs.size() > NAMED_RUNS ? "; and " + (runs.size() - NAMED_RUNS) + " more" : "");
                problems.add(ProblemText.of(option, runs.size() + " run(s) without " + figure + " in the file", named,
                        figure + " for every run simulated: the testbed's policies and replications (e.g."
                        + " --replications as the testbed ran)"));
            }
        }
    }

    /**
     * Each task on its testbed run's host ({@link RunTask#onHost}), in order; a problem for runs whose profiles
     * recorded no host ({@link RunTask#host}, from {@link GridPoint#profileHost}), for runs the file has no figure of
     * (named, the first few) and for a host outside {@link RunSpec}'s range.
     */
    List<RunTask> apply(List<RunTask> tasks, List<String> problems) {
        List<RunTask> replayed = new ArrayList<>(tasks.size());
        Missing missing = new Missing("--host-speed", "a probe figure");
        for (RunTask t : tasks) {
            HostProbe profile = t.host();
            HostSpeedFile.Run row = rowOf(t);
            if (!profile.measured()) {
                missing.unprobed();
                continue;
            }
            if (row == null || row.probes() == 0) {
                missing.run(t);
                continue;
            }
            double speed = profile.cpuMsMean() / row.probeCpuMs();
            if (!(speed >= RunSpec.MIN_HOST_SPEED && speed <= RunSpec.MAX_HOST_SPEED)) {
                problems.add(ProblemText.of("--host-speed", "a host too far from the profiles'", String.format(
                        Locale.ROOT, "%s replication %d: probe %.4g ms against the profiles' %.4g ms", t.policy(),
                        t.replication(), row.probeCpuMs(), profile.cpuMsMean()), "a speed ratio in ["
                        + RunSpec.MIN_HOST_SPEED + ", " + RunSpec.MAX_HOST_SPEED + "]"));
                continue;
            }
            replayed.add(t.onHost(new HostProbe(row.probes(), row.probeCpuMs()), speed));
        }
        missing.report(problems);
        return replayed;
    }
}
