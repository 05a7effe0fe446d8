package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads an experiment config file (CONTRACTS.md, "Experiment config"), validating every field and every sweep
 * grid point before anything runs.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Reads, validates and resolves {@code file}; trace files it names are read relative to its directory first,
     * then to the working directory.
     *
     * @throws ConfigException with every problem found, when the file is missing, unreadable, not YAML or invalid
     */
    public static ExperimentConfig load(Path file) throws ConfigException {
        String label = file.toString();
        Problems problems = new Problems();
        Optional<String> text = YamlSource.text(file, problems);
        Optional<Node> root = text.flatMap(t -> YamlSource.parse(t, problems));
        Optional<YamlMap> top = root.flatMap(r -> YamlMap.of(r, "", "a mapping with keys "
                + String.join(", ", HeaderSection.TOP_KEYS), problems));
        if (top.isEmpty()) {
            throw failure(label, problems.list());
        }
        Optional<HeaderSection.Header> header = HeaderSection.read(top.get(), problems);
        Optional<List<SweepExpander.Axis>> axes = SweepExpander.read(top.get(), problems);
        // A broken sweep still gets the rest of the file validated once, unsubstituted, so every problem shows.
        List<SweepPoint> points = axes.map(SweepExpander::grid).orElse(List.of(SweepPoint.NONE));
        TraceFiles traces = new TraceFiles(file);
        GridValidation.Outcome outcome = GridValidation.run(root.get(), header.map(HeaderSection.Header::name),
                points, problems.list(), traces);
        if (!outcome.problems().isEmpty() || header.isEmpty() || axes.isEmpty()) {
            throw failure(label, outcome.problems());
        }
        HeaderSection.Header h = header.get();
        List<String> sweepPaths = axes.get().stream().map(SweepExpander.Axis::path).toList();
        return new ExperimentConfig(file, h.name(), h.seed(), h.replications(), h.horizonSec(), h.policies(),
                sweepPaths, outcome.points(), text.get(), traces.files());
    }

    private static ConfigException failure(String file, List<Problem> problems) {
        return new ConfigException(problems.stream().map(p -> p.format(file)).toList());
    }
}
