package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ProblemText;
import io.deepedge.hw.profile.DeviceProfiler;

import java.util.List;

/** {@code profile}'s design settings: their checks, defaults and the measurement conditions recorded. */
final class ProfileSettings {
    static final int DEFAULT_POINTS = 8;
    static final double DEFAULT_MEASURE_SEC = 2.5;
    static final int MAX_POINTS = 64;
    /** The design's standalone LC utilisation range: from light load to the study's heavy level (85 %). */
    static final double MIN_UTILISATION = 0.05;
    static final double MAX_UTILISATION = 0.85;

    private ProfileSettings() {
    }

    static final int MAX_REPLICATES = 5;

    static void check(String design, int points, double measureSec, int replicates, List<String> problems) {
        if (replicates < 1 || replicates > MAX_REPLICATES) {
            problems.add(ProblemText.of("--replicates", "out of range", String.valueOf(replicates),
                    "a count in [1, " + MAX_REPLICATES + "] (how many times each held-out point is measured)"));
        }
        if (!design.equals("lhs") && !design.equals("factorial")) {
            problems.add(ProblemText.of("--design", "unknown design", design, "lhs or factorial"));
        }
        int min = design.equals("factorial") ? 7 : 5;
        if (points < min || points > MAX_POINTS) {
            problems.add(ProblemText.of("--points", "out of range", String.valueOf(points), "a count in [" + min + ", "
                    + MAX_POINTS + "] (the fit needs 4 points besides the held-out ones)"));
        }
        if (!(measureSec >= 0.5 && measureSec <= 60)) {
            problems.add(ProblemText.of("--measure-sec", "out of range", String.valueOf(measureSec),
                    "seconds in [0.5, 60]"));
        }
    }

    /** Batches from a job's global batch / 8 to the global batch; a quarter of the points held out (at least 1). */
    static DeviceProfiler.Settings of(String design, int points, long seed, double measureSec, int globalBatch,
                                      int replicates) {
        String method = ProfileCommand.method(design);
        int n = method.equals(io.deepedge.models.profile.DesignPlan.FACTORIAL)
                ? (int) Math.pow(Math.max(3, Math.round(Math.sqrt(points))), 2) : points;
        return new DeviceProfiler.Settings(method, n, Math.max(1, n / 4), seed, measureSec, MIN_UTILISATION,
                MAX_UTILISATION, Math.max(1, globalBatch / 8), Math.max(1, globalBatch), replicates);
    }

    static String machine() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown host";
        }
        return host + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }
}
