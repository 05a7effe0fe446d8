package io.deepedge.experiments.config;

import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.CatalogModel;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the optional {@code training} block into a {@link TrainingJob}, filling sizes and the training memory
 * model from the model catalog.
 */
final class TrainingSection {
    static final List<String> KEYS = List.of("model", "parameterBytes", "sampleBytes", "samples", "epochs",
            "batchSize", "topology", "checkpointEverySec", "submitAtSec", "heartbeatTimeoutSec", "memory");
    static final List<String> MEMORY_KEYS = List.of("baseMiB", "perSampleMiB");
    private static final String PATH = "training";

    /**
     * What the rest of the config needs to know about the training block.
     *
     * @param present whether the file has a training block at all
     * @param model the model devices look up their training throughput for ({@code ""} without a model);
     *              empty when the block or its model is invalid, so no follow-up problem is reported
     * @param job the job, when the block is valid
     * @param memory every device's training memory model: {@code training.memory}, else the catalog model's,
     *               else {@link TrainingMemory#NONE}; empty when {@code training.memory} is invalid
     */
    record Result(boolean present, Optional<String> model, Optional<TrainingJob> job, Optional<TrainingMemory> memory) {
        static final Result NONE = new Result(false, Optional.empty(), Optional.empty(), Optional.of(TrainingMemory.NONE));
    }

    private final YamlMap m;
    private final Problems problems;

    private TrainingSection(YamlMap m, Problems problems) {
        this.m = m;
        this.problems = problems;
    }

    static Result read(YamlMap top, OptionalDouble horizonSec, Problems problems) {
        if (!top.has(PATH)) {
            return Result.NONE;
        }
        Optional<YamlMap> block = top.map(PATH, "a mapping with keys " + String.join(", ", KEYS));
        if (block.isEmpty()) {
            return new Result(true, Optional.empty(), Optional.empty(), Optional.empty());
        }
        block.get().allowOnly(KEYS);
        return new TrainingSection(block.get(), problems).read(horizonSec);
    }

    private Result read(OptionalDouble horizonSec) {
        Optional<String> model = m.has("model") ? m.text("model", "a catalog model id or a label") : Optional.of("");
        Optional<CatalogModel> catalog = model.flatMap(Catalog.get()::model);
        OptionalLong parameterBytes = parameterBytes(model, catalog);
        OptionalLong sampleBytes = m.integer("sampleBytes", Ranges.SAMPLE_BYTES,
                catalog.map(CatalogModel::sampleBytes).orElse(0L));
        OptionalLong samples = m.integer("samples", Ranges.SAMPLES);
        OptionalLong epochs = m.integer("epochs", Ranges.EPOCHS, 1);
        OptionalLong batchSize = batchSize(samples);
        boolean fits = samples.isEmpty() || epochs.isEmpty() || batchSize.isEmpty()
                || iterationsFit(samples.getAsLong(), epochs.getAsLong(), batchSize.getAsLong());
        Optional<Topology> topology = topology();
        OptionalDouble checkpointEverySec = m.number("checkpointEverySec", Ranges.TIME_SEC, 0);
        OptionalDouble submitAtSec = submitAtSec(horizonSec);
        // How long the training barrier waits for a failed device's heartbeat before it notices (0: at once).
        OptionalDouble heartbeatTimeoutSec = m.number("heartbeatTimeoutSec", Ranges.TIME_SEC, 0);
        Optional<TrainingMemory> memory = memory(catalog);
        if (!fits || model.isEmpty() || parameterBytes.isEmpty() || sampleBytes.isEmpty() || samples.isEmpty()
                || epochs.isEmpty() || batchSize.isEmpty() || topology.isEmpty() || checkpointEverySec.isEmpty()
                || submitAtSec.isEmpty() || heartbeatTimeoutSec.isEmpty()) {
            return new Result(true, model, Optional.empty(), memory);
        }
        Optional<TrainingJob> job = problems.build(m.node(), PATH, () -> new TrainingJob(model.get(),
                samples.getAsLong(), (int) epochs.getAsLong(), (int) batchSize.getAsLong(), parameterBytes.getAsLong(),
                sampleBytes.getAsLong(), topology.get(), checkpointEverySec.getAsDouble(), submitAtSec.getAsDouble(),
                heartbeatTimeoutSec.getAsDouble()));
        return new Result(true, model, job, memory);
    }

    /**
     * {@code training.memory} field by field over the catalog model's estimate; a model outside the catalog has
     * no estimate, so without the block training is assumed to always fit.
     */
    private Optional<TrainingMemory> memory(Optional<CatalogModel> catalog) {
        TrainingMemory fallback = catalog.map(c -> new TrainingMemory(c.trainBaseMiB(), c.trainPerSampleMiB()))
                .orElse(TrainingMemory.NONE);
        if (!m.has("memory")) {
            return Optional.of(fallback);
        }
        Optional<YamlMap> block = m.map("memory", "a mapping with optional keys " + String.join(", ", MEMORY_KEYS));
        if (block.isEmpty()) {
            return Optional.empty();
        }
        YamlMap b = block.get();
        b.allowOnly(MEMORY_KEYS);
        OptionalDouble base = b.number("baseMiB", Ranges.MEMORY_MIB_OR_ZERO, fallback.baseMiB());
        OptionalDouble perSample = b.number("perSampleMiB", Ranges.MEMORY_MIB_OR_ZERO, fallback.perSampleMiB());
        if (base.isEmpty() || perSample.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(b.node(), b.path(), () -> new TrainingMemory(base.getAsDouble(), perSample.getAsDouble()));
    }

    /** Given, else the catalog model's; required when the model is not a catalog model. */
    private OptionalLong parameterBytes(Optional<String> model, Optional<CatalogModel> catalog) {
        if (m.has("parameterBytes") || catalog.isPresent()) {
            return m.integer("parameterBytes", Ranges.PARAMETER_BYTES,
                    catalog.map(CatalogModel::parameterBytes).orElse(0L));
        }
        if (model.isPresent()) {
            String why = model.get().isEmpty() ? " (training has no model)"
                    : " (model " + model.get() + " is not in the catalog)";
            List<String> ids = Catalog.get().models().stream().map(CatalogModel::id).toList();
            problems.add(m.line(), m.path("parameterBytes"), "missing required field" + why, null,
                    "an integer >= 0, or training.model set to a catalog model: " + YamlNodes.oneOf(ids));
        }
        return OptionalLong.empty();
    }

    private OptionalLong batchSize(OptionalLong samples) {
        OptionalLong batch = m.integer("batchSize", Ranges.BATCH);
        if (batch.isPresent() && samples.isPresent() && batch.getAsLong() > samples.getAsLong()) {
            Node at = m.get("batchSize").orElseThrow();
            problems.add(at, m.path("batchSize"), "must not exceed training.samples = " + samples.getAsLong(),
                    YamlNodes.show(at), "an integer from 1 to " + Math.min(samples.getAsLong(), Ranges.BATCH.max()));
            return OptionalLong.empty();
        }
        return batch;
    }

    /** The job's synchronous iterations, ceil(samples / batchSize) x epochs, must stay countable; reported at samples. */
    private boolean iterationsFit(long samples, long epochs, long batchSize) {
        long iterations = (samples + batchSize - 1) / batchSize * epochs; // < 1e12 x 1e6: no overflow
        if (iterations <= Ranges.MAX_ITERATIONS) {
            return true;
        }
        Node at = m.get("samples").orElseThrow();
        problems.add(at, m.path("samples"), "makes too many iterations: ceil(samples / batchSize) x epochs = "
                + "ceil(" + samples + " / " + batchSize + ") x " + epochs, Long.toString(iterations), "at most "
                + Ranges.MAX_ITERATIONS + " synchronous iterations (fewer samples or epochs, or a larger batchSize)");
        return false;
    }

    private Optional<Topology> topology() {
        List<String> ids = Arrays.stream(Topology.values()).map(Topology::id).toList();
        if (!m.has("topology")) {
            return Optional.of(Topology.PARAMETER_SERVER);
        }
        String expected = YamlNodes.oneOf(ids);
        Optional<String> id = m.text("topology", expected);
        Optional<Topology> topology = id.flatMap(Topology::byId);
        if (id.isPresent() && topology.isEmpty()) {
            problems.add(m.get("topology").orElseThrow(), m.path("topology"), "unknown topology", id.get(), expected);
        }
        return topology;
    }

    /** A job submitted at or after the horizon would never run: almost surely a unit slip. */
    private OptionalDouble submitAtSec(OptionalDouble horizonSec) {
        OptionalDouble submit = m.number("submitAtSec", Ranges.TIME_SEC, 0);
        if (submit.isPresent() && horizonSec.isPresent() && submit.getAsDouble() >= horizonSec.getAsDouble()) {
            Node at = m.get("submitAtSec").orElseThrow();
            String horizon = YamlNodes.format(horizonSec.getAsDouble());
            problems.add(at, m.path("submitAtSec"), "must be before horizonSec = " + horizon, YamlNodes.show(at),
                    "a number >= 0 and < " + horizon);
            return OptionalDouble.empty();
        }
        return submit;
    }
}
