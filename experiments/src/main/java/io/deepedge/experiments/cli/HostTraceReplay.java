package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.run.RunTask;
import io.deepedge.models.HostProbe;
import io.deepedge.models.HostProbeStep;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.HostStepSeries;
import io.deepedge.plots.HostStepsFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code simulate --host-trace DIR|FILE}: a digital twin's runs each on the host the testbed run of the same grid
 * point, policy and replication met, second by second. The testbed's {@code host-steps.csv} holds every step of its
 * host-speed probes during each run (one probe pinned to each CPU); {@link HostStepSeries} makes each run's steps a
 * series of the host's speed relative to the host the twin's profiles were measured on, which the twin's
 * quota-limited devices then follow from the run's start ({@link io.deepedge.sim.RunSpec#hostTrace}). A slow
 * stretch of a run is then slow in its twin too, where {@code --host-speed} gives the twin only the run's mean over
 * its job. Every run to simulate must have its steps, and the twin its profiles' host: all problems at once, before
 * any run.
 */
final class HostTraceReplay {
    /** The series' resolution: each CPU's probe steps once a second. */
    static final double STEP_SEC = 1.0;

    private final Map<List<String>, List<HostProbeStep>> byRun;
    private final List<String> sweepPaths;

    private HostTraceReplay(Map<List<String>, List<HostProbeStep>> byRun, List<String> sweepPaths) {
        this.byRun = byRun;
        this.sweepPaths = List.copyOf(sweepPaths);
    }

    /**
     * {@code given} (a testbed result directory, then its host-steps.csv, or the file) read and checked against the
     * config's swept paths; empty, with every problem added, when it has any.
     */
    static Optional<HostTraceReplay> read(Path given, ExperimentConfig cfg, List<String> problems) {
        Optional<Path> file = HostReplay.file(given, "--host-trace", "host-steps.csv", "a testbed result directory"
                + " written since 2026-12-06 12:00 (its host-steps.csv) or such a file", problems);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        List<String> fileProblems = new ArrayList<>();
        Optional<HostStepsFile> read = HostStepsFile.read(file.get(), fileProblems);
        fileProblems.forEach(p -> problems.add("--host-trace: " + p));
        if (read.isEmpty() || !HostReplay.sameSweep(read.get().sweepColumns(), cfg, file.get(), "--host-trace",
                "host-steps.csv", problems)) {
            return Optional.empty();
        }
        Map<List<String>, List<HostProbeStep>> byRun = new HashMap<>();
        for (HostStepsFile.Step s : read.get().steps()) {
            byRun.computeIfAbsent(HostReplay.rowKey(read.get().sweepColumns(), cfg.sweepPaths(), s.point(), s.policy(),
                    s.replication()), k -> new ArrayList<>()).add(new HostProbeStep(s.atSec(), s.cpu(), s.cpuMs()));
        }
        return Optional.of(new HostTraceReplay(byRun, cfg.sweepPaths()));
    }

    /**
     * Each task on its testbed run's host step by step ({@link RunTask#onHostTrace}: the series over the run's
     * horizon, its host-speed.csv row the mean of the run's steps), in order; problems as {@code --host-speed}'s
     * ({@link HostReplay#apply}) for runs without steps, twins without their profiles' host and hosts too far from it.
     */
    List<RunTask> apply(List<RunTask> tasks, List<String> problems) {
        List<RunTask> replayed = new ArrayList<>(tasks.size());
        HostReplay.Missing missing = new HostReplay.Missing("--host-trace", "probe steps");
        for (RunTask t : tasks) {
            HostProbe profile = t.host();
            List<HostProbeStep> steps = byRun.get(HostReplay.key(HostReplay.pointOf(t, sweepPaths), t.policy(),
                    t.replication()));
            if (!profile.measured()) {
                missing.unprobed();
                continue;
            }
            if (steps == null || steps.isEmpty()) {
                missing.run(t);
                continue;
            }
            HostSpeedTrace trace;
            try {
                trace = HostStepSeries.of(steps, profile.cpuMsMean(), t.scenario().horizonSec(), STEP_SEC);
            } catch (IllegalArgumentException e) {
                problems.add(ProblemText.of("--host-trace", "a host too far from the profiles'", t.policy()
                        + " replication " + t.replication() + ": " + e.getMessage(), "speeds in ["
                        + HostSpeedTrace.MIN_SPEED + ", " + HostSpeedTrace.MAX_SPEED + "] of the profiles' host"));
                continue;
            }
            replayed.add(t.onHostTrace(HostProbe.of(steps.stream().mapToDouble(HostProbeStep::cpuMs).toArray()),
                    trace));
        }
        missing.report(problems);
        return replayed;
    }
}
