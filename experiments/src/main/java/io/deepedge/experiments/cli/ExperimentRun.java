package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ConfigException;
import io.deepedge.experiments.config.ConfigLoader;
import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.RunOptions;
import io.deepedge.experiments.run.OutputDirectory;
import io.deepedge.experiments.run.OutputTarget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code simulate} and {@code testbed} check alike before any work: the config (validated for the runs the
 * options describe) and the output location, with every problem collected into one list.
 */
final class ExperimentRun {
    private ExperimentRun() {
    }

    /** The validated config; empty, with its problems added, when the path is empty or the config invalid. */
    static Optional<ExperimentConfig> load(Path config, RunOptions options, List<String> problems) {
        if (config == null) {
            return Optional.empty();
        }
        if (config.toString().isBlank()) {
            problems.add("CONFIG: an empty path (" + config + "), expected an experiment YAML file");
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigLoader.load(config, options));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    /** Applies {@code --policies} and a valid {@code --replications} to the loader's options. */
    static RunOptions options(RunOptions base, List<String> policies, Integer replications) {
        RunOptions options = base;
        if (policies != null) {
            options = options.withPolicies(policies);
        }
        if (replications != null && replications >= 1 && replications <= 10_000) {
            options = options.withReplications(replications);
        }
        return options;
    }

    /**
     * The result directory's path ({@code --out}, else {@code out/<experiment name>}), with its problems added;
     * null when neither is known (the config did not load and no {@code --out} was given).
     */
    static String target(String out, Path config, ExperimentConfig cfg, List<String> problems) {
        String target = out != null ? out : cfg != null ? Path.of("out", cfg.name()).toString() : null;
        if (target != null) {
            problems.addAll(OutputTarget.problems("--out", target, inputs(config, cfg)));
        }
        return target;
    }

    /** The config and its trace files: the output must neither be nor contain them. */
    private static List<OutputTarget.Input> inputs(Path config, ExperimentConfig cfg) {
        List<OutputTarget.Input> inputs = new ArrayList<>();
        if (config != null && !config.toString().isBlank()) {
            inputs.add(new OutputTarget.Input(config, "config file"));
        }
        if (cfg != null) {
            cfg.traceFiles().forEach(t -> inputs.add(new OutputTarget.Input(t, "trace file")));
        }
        return inputs;
    }

    /** Reserves the temporary result folder; a location that cannot take it is invalid input (exit 2). */
    static OutputDirectory reserve(String option, String target) {
        try {
            return OutputDirectory.reserve(Path.of(target));
        } catch (java.io.IOException | RuntimeException e) {
            throw new UsageError(option + ": cannot create a folder there (" + target + "): " + reason(e)
                    + ", expected a writable location");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
