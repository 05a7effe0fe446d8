package io.deepedge.experiments.cli;

import io.deepedge.models.Failure;
import io.deepedge.traces.AvailabilityTraceReader;
import io.deepedge.traces.FunctionRow;
import io.deepedge.traces.FunctionSelection;
import io.deepedge.traces.FunctionsTraceReader;
import io.deepedge.traces.RequestTrace;
import io.deepedge.traces.RequestTraceReader;
import io.deepedge.traces.SyntheticTrace;
import io.deepedge.traces.TraceException;
import io.deepedge.traces.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code deepedge trace}: write synthetic trace files and summarise trace files (see traces/README.md). */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Write a synthetic request trace, or summarise a trace file (formats in traces/README.md).",
        subcommands = {TraceCommand.Synth.class, TraceCommand.Stats.class})
public final class TraceCommand implements Callable<Integer> {
    static final List<String> SYNTH_FORMATS = List.of("functions", "requests");
    static final List<String> STATS_FORMATS = List.of("requests", "functions", "availability");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("deepedge trace: a subcommand is required (synth or stats)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_INVALID;
    }

    /** {@code deepedge trace synth}: a seeded synthetic trace (model in {@link SyntheticTrace}). */
    @Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a synthetic trace: base rate x daily sinusoid x linear trend x per-minute lognormal noise"
                    + " x bursts, then Poisson requests. The same options and seed give the same file."})
    static final class Synth implements Callable<Integer> {
        /** Beyond this a file is a typo, not an experiment (a year of minutes; tens of millions of rows or cells). */
        static final long MAX_MINUTES = 527_040;
        static final long MAX_CELLS = 50_000_000;
        static final long MAX_FUNCTIONS = 100_000;
        /** Peak mean count of one minute of a functions file, far enough below 2^31 for noise and bursts on top. */
        static final long MAX_COUNT_PER_MINUTE = 100_000_000;

        @Spec
        private CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "trace file to write: a new file in an existing directory (an existing file only with --force)")
        private String outText;
        private Path out;
        @Option(names = "--force", description = "replace --out if it is an existing regular file (never a directory or a link)")
        private boolean force;
        @Option(names = "--format", paramLabel = "F", defaultValue = "functions",
                description = "functions (Azure Functions per-minute counts) or requests (one time_sec per request); default ${DEFAULT-VALUE}")
        private String format;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed; default ${DEFAULT-VALUE}")
        private long seed;
        @Option(names = "--rate", paramLabel = "R", defaultValue = "5", description = "base requests per second, > 0; default ${DEFAULT-VALUE}")
        private double rate;
        @Option(names = "--diurnal-amplitude", paramLabel = "A", defaultValue = "0.5", description = "relative amplitude of the daily sinusoid, in [0, 1]; default ${DEFAULT-VALUE}")
        private double amplitude;
        @Option(names = "--period-sec", paramLabel = "P", defaultValue = "86400", description = "sinusoid period in seconds, > 0; default ${DEFAULT-VALUE}")
        private double periodSec;
        @Option(names = "--trend-per-hour", paramLabel = "T", defaultValue = "0", description = "relative rate change per hour (0.1 = +10 %% of the base each hour); default ${DEFAULT-VALUE}")
        private double trendPerHour;
        @Option(names = "--noise-cv", paramLabel = "C", defaultValue = "0.1", description = "coefficient of variation of the per-minute noise, >= 0; default ${DEFAULT-VALUE}")
        private double noiseCv;
        @Option(names = "--bursts-per-hour", paramLabel = "B", defaultValue = "2", description = "mean bursts per hour, >= 0; default ${DEFAULT-VALUE}")
        private double burstsPerHour;
        @Option(names = "--burst-multiplier", paramLabel = "M", defaultValue = "3", description = "rate multiplier during a burst, > 0; default ${DEFAULT-VALUE}")
        private double burstMultiplier;
        @Option(names = "--burst-sec", paramLabel = "D", defaultValue = "60", description = "burst duration in seconds, > 0; default ${DEFAULT-VALUE}")
        private double burstSec;
        @Option(names = "--minutes", paramLabel = "N", defaultValue = "1440", description = "trace length in minutes; default ${DEFAULT-VALUE} (a day)")
        private long minutes;
        @Option(names = "--functions", paramLabel = "K", defaultValue = "1", description = "rows of a functions file, each with its own noise and bursts; default ${DEFAULT-VALUE}")
        private long functions;

        @Override
        public Integer call() throws IOException {
            SyntheticTrace trace = new SyntheticTrace(check());
            PrintWriter o = spec.commandLine().getOut();
            if (format.equals("functions")) {
                List<FunctionRow> rows = trace.functions((int) minutes, (int) functions);
                TraceWriter.writeFunctions(out, rows);
                long total = rows.stream().mapToLong(FunctionRow::totalInvocations).sum();
                o.printf(Locale.ROOT, "wrote %s: %d function(s) x %d minutes, %d invocations (%.3f per second per function)%n",
                        out, rows.size(), minutes, total, total / (minutes * 60.0 * rows.size()));
            } else {
                double[] times = trace.requestTimes((int) minutes);
                TraceWriter.writeRequests(out, times);
                o.printf(Locale.ROOT, "wrote %s: %d requests over %d minutes (%.3f per second)%n", out, times.length,
                        minutes, times.length / (minutes * 60.0));
            }
            return Main.EXIT_OK;
        }

        /** Every bad option at once, each named with its value. */
        private SyntheticTrace.Params check() {
            List<String> problems = new ArrayList<>();
            if (!SYNTH_FORMATS.contains(format)) {
                problems.add("--format: unknown format (" + format + "), expected one of " + String.join(", ", SYNTH_FORMATS));
            }
            range(problems, "--rate", rate, rate > 0, "a number > 0");
            range(problems, "--diurnal-amplitude", amplitude, amplitude >= 0 && amplitude <= 1, "a number in [0, 1]");
            range(problems, "--period-sec", periodSec, periodSec > 0, "a number > 0");
            range(problems, "--trend-per-hour", trendPerHour, true, "a finite number");
            range(problems, "--noise-cv", noiseCv, noiseCv >= 0, "a number >= 0");
            range(problems, "--bursts-per-hour", burstsPerHour, burstsPerHour >= 0, "a number >= 0");
            range(problems, "--burst-multiplier", burstMultiplier, burstMultiplier > 0, "a number > 0");
            range(problems, "--burst-sec", burstSec, burstSec > 0, "a number > 0");
            if (minutes < 1 || minutes > MAX_MINUTES) {
                problems.add("--minutes: out of range (" + minutes + "), expected an integer from 1 to " + MAX_MINUTES);
            }
            if (functions < 1 || functions > MAX_FUNCTIONS) {
                problems.add("--functions: out of range (" + functions + "), expected an integer from 1 to " + MAX_FUNCTIONS);
            } else if (format.equals("requests") && functions != 1) {
                problems.add("--functions: applies to --format functions only (" + functions + "), expected 1 or no --functions");
            }
            if (problems.isEmpty()) {
                checkSize(problems);
            }
            out = OutputFile.check("--out", outText, force, problems);
            if (!problems.isEmpty()) {
                throw new UsageError(problems);
            }
            return new SyntheticTrace.Params(seed, rate, amplitude, periodSec, trendPerHour, noiseCv, burstsPerHour,
                    burstMultiplier, burstSec);
        }

        private static void range(List<String> problems, String option, double value, boolean ok, String expected) {
            if (!ok || !Double.isFinite(value)) {
                problems.add(option + ": out of range (" + shown(value) + "), expected " + expected);
            }
        }

        /** A bound on the file size: cells of a functions file, or about how many requests a requests file gets. */
        private void checkSize(List<String> problems) {
            if (format.equals("functions") && minutes * functions > MAX_CELLS) {
                problems.add("--minutes: " + minutes + " x --functions " + functions + " counts is too many ("
                        + minutes * functions + "), expected at most " + MAX_CELLS);
            }
            double hours = minutes / 60.0;
            double peak = rate * (1 + amplitude) * Math.max(1, 1 + trendPerHour * hours) * Math.max(1, burstMultiplier);
            if (format.equals("functions") && peak * 60 > MAX_COUNT_PER_MINUTE) {
                // A minute's count is a 32-bit integer in the Azure Functions layout: refuse rather than clip it.
                problems.add(String.format(Locale.ROOT, "--rate: up to about %.3g requests in a minute (%s), "
                        + "expected at most %d a minute; lower --rate", peak * 60, shown(rate), MAX_COUNT_PER_MINUTE));
            }
            if (format.equals("requests") && peak * minutes * 60 > MAX_CELLS) {
                problems.add(String.format(Locale.ROOT, "--rate: up to about %.3g requests over %d minutes (%s), "
                        + "expected at most %d; lower --rate or --minutes", peak * minutes * 60, minutes, shown(rate), MAX_CELLS));
            }
        }
    }

    /** {@code deepedge trace stats}: what a trace file holds, read and checked as a config would. */
    @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Read a trace file (checking every line) and print its count, span and mean rate.")
    static final class Stats implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE", description = "trace file")
        private Path file;
        @Option(names = "--format", paramLabel = "F", defaultValue = "requests",
                description = "requests, functions or availability; default ${DEFAULT-VALUE}")
        private String format;
        @Option(names = "--row", paramLabel = "N", description = "functions format: 1-based data row (default 1)")
        private Integer row;
        @Option(names = "--function", paramLabel = "H", description = "functions format: the row with this HashFunction")
        private String function;

        @Override
        public Integer call() {
            List<String> problems = new ArrayList<>();
            if (file.toString().isBlank()) {
                problems.add("FILE: empty path (\"" + file + "\"), expected a trace file");
            }
            if (!STATS_FORMATS.contains(format)) {
                problems.add("--format: unknown format (" + format + "), expected one of " + String.join(", ", STATS_FORMATS));
            }
            if ((row != null || function != null) && !format.equals("functions")) {
                problems.add("--" + (row != null ? "row" : "function") + ": applies to --format functions only ("
                        + (row != null ? row : function) + "), expected --format functions");
            } else if (row != null && (row < 1 || function != null)) {
                problems.add("--row: " + (function != null ? "given with --function" : "out of range") + " (" + row
                        + "), expected an integer >= 1 and no --function");
            } else if (function != null && function.isBlank()) {
                problems.add("--function: empty (\"" + function + "\"), expected the HashFunction of a row");
            }
            if (!problems.isEmpty()) {
                throw new UsageError(problems);
            }
            PrintWriter o = spec.commandLine().getOut();
            try {
                switch (format) {
                    case "requests" -> requests(o, RequestTraceReader.read(file));
                    case "functions" -> functions(o, FunctionsTraceReader.read(file, function != null
                            ? FunctionSelection.function(function) : FunctionSelection.row(row == null ? 1 : row)));
                    default -> availability(o, AvailabilityTraceReader.failures(file));
                }
            } catch (TraceException e) {
                throw new UsageError(e.lines());
            }
            return Main.EXIT_OK;
        }

        private void requests(PrintWriter o, RequestTrace t) {
            o.printf(Locale.ROOT, "%s: %d requests, first at %s s, last at %s s, span %s s (%.1f min), mean rate %.3f req/s%n",
                    file, t.count(), format(t.firstSec()), format(t.lastSec()), format(t.spanSec()), t.spanSec() / 60,
                    t.count() > 1 ? t.meanRatePerSec() : 0.0);
        }

        private void functions(PrintWriter o, FunctionRow r) {
            int peak = Arrays.stream(r.counts()).max().orElse(0);
            o.printf(Locale.ROOT, "%s row %d: function %s (%s), %d minutes, %d invocations, mean rate %.3f req/s, "
                    + "peak minute %.3f req/s%n", file, r.row(), r.function(), r.trigger(), r.minutes(),
                    r.totalInvocations(), r.meanRatePerSec(), peak / 60.0);
        }

        private void availability(PrintWriter o, List<Failure> failures) {
            long devices = failures.stream().map(Failure::device).distinct().count();
            long permanent = failures.stream().filter(f -> !f.recovers()).count();
            o.printf(Locale.ROOT, "%s: %d outages of %d devices (%d permanent)%n", file, failures.size(), devices, permanent);
        }
    }

    /** An option value as the user likely wrote it: 2 not 2.0, 1.5 as is. */
    private static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** A time for the summary: whole seconds as integers, else milliseconds. */
    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
