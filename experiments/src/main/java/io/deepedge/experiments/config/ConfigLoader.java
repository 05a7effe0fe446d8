package io.deepedge.experiments.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads an experiment config file (CONTRACTS.md, "Experiment config"), validating every field and every sweep
 * grid point, together with the command-line options that change what runs, before anything runs.
 */
public final class ConfigLoader {
    /** The run list (grid points x policies x replications) is built in memory; beyond this it is a mistake. */
    static final long MAX_RUNS = 1_000_000;

    private ConfigLoader() {
    }

    /**
     * Reads, validates and resolves {@code file} as written: its own policies and replications, one run per
     * core at once, in this JVM's heap.
     *
     * @throws ConfigException with every problem found, when the file is missing, unreadable, not YAML or invalid
     */
    public static ExperimentConfig load(Path file) throws ConfigException {
        return load(file, RunOptions.defaults());
    }

    /**
     * Reads, validates and resolves {@code file} for the runs {@code options} describe; trace files it names are
     * read relative to its directory first, then to the working directory. Problems of the options (an unknown
     * or duplicate {@code --policies} id, {@code optimal} over its device limit at some grid point, runs that
     * do not fit in the heap) are reported with the file's, options first.
     *
     * @throws ConfigException with every problem found, the file's and the options'
     */
    public static ExperimentConfig load(Path file, RunOptions options) throws ConfigException {
        String label = file.toString().isEmpty() ? "\"\"" : file.toString();
        Problems problems = new Problems();
        options.policies().ifPresent(ids -> HeaderSection.checkOverride(ids, problems));
        Optional<YamlSource.Document> document = YamlSource.read(file, problems);
        Optional<YamlMap> top = document.flatMap(d -> YamlMap.of(d.root(), "", "a mapping with keys "
                + String.join(", ", HeaderSection.TOP_KEYS), problems));
        if (top.isEmpty()) {
            throw failure(label, problems.list());
        }
        Optional<HeaderSection.Header> header = HeaderSection.read(top.get(), problems);
        Optional<List<SweepExpander.Axis>> axes = SweepExpander.read(top.get(), problems);
        // A broken sweep still gets the rest of the file validated once, unsubstituted, so every problem shows.
        List<SweepPoint> points = axes.map(SweepExpander::grid).orElse(List.of(SweepPoint.NONE));
        RunScope scope = scope(top.get(), header, points.size(), options, problems);
        TraceFiles traces = new TraceFiles(file);
        GridValidation.Outcome outcome = GridValidation.run(document.get().root(),
                header.map(HeaderSection.Header::name), points, problems.list(), traces, scope);
        if (!outcome.problems().isEmpty() || header.isEmpty() || axes.isEmpty()) {
            throw failure(label, outcome.problems());
        }
        HeaderSection.Header h = header.get();
        List<String> sweepPaths = axes.get().stream().map(SweepExpander.Axis::path).toList();
        return new ExperimentConfig(file, h.name(), h.seed(), h.replications(), h.horizonSec(), h.policies(),
                sweepPaths, outcome.points(), document.get().text(), traces.files());
    }

    /**
     * The runs of each grid point: which policies, and how many at once. The run count uses the values that
     * will run (an option's, else the file's; 1 for a value that is itself invalid and reported).
     */
    private static RunScope scope(YamlMap top, Optional<HeaderSection.Header> header, int points, RunOptions options,
                                  Problems problems) {
        long policies = options.policies().map(List::size)
                .orElse(header.map(h -> h.policies().size()).orElse(1));
        long replications = options.replications().isPresent() ? options.replications().getAsInt()
                : header.map(HeaderSection.Header::replications).orElse(1);
        long runs = points * policies * replications;
        if (runs > MAX_RUNS) {
            String what = "makes too many runs: " + points + " grid point" + (points == 1 ? "" : "s") + " x "
                    + policies + " polic" + (policies == 1 ? "y" : "ies") + " x " + replications + " replications";
            String expected = "at most " + MAX_RUNS + " runs in one experiment (fewer replications, policies or"
                    + " sweep values)";
            if (options.replications().isPresent()) {
                problems.addOption("--replications", what, Long.toString(runs), expected);
            } else {
                problems.add(top.get("replications").orElse(top.node()), "replications", what, Long.toString(runs),
                        expected);
            }
        }
        int runsAtOnce = (int) Math.max(1, Math.min(options.threads(), runs));
        return new RunScope(options.policies(), runsAtOnce, options.maxHeapBytes(), options.calibratedFigures());
    }

    private static ConfigException failure(String file, List<Problem> problems) {
        return new ConfigException(problems.stream().map(p -> p.format(file)).toList());
    }
}
