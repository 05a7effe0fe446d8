package io.deepedge.experiments.config;

import io.deepedge.models.BatchPoint;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.catalog.DeviceType;
import org.yaml.snakeyaml.nodes.Node;

import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.traces.TraceException;
import io.deepedge.traces.TraceProblem;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Resolves a device entry's {@link DeviceProfile}: inline {@code profile} fields override the catalog type's;
 * the training throughput comes, when not given inline, from the largest profiled batch, else from the type's
 * figure for the job's model; the training memory model is the job's (see {@link TrainingSection.Result#memory});
 * the device's own work per round and per shard sample and the round's coordination wait ({@link DeviceOverhead})
 * are 0 unless written inline.
 */
final class ProfileReader {
    static final List<String> KEYS = List.of("trainSamplesPerSec", "memoryMiB", "interference", "batches",
            "roundOverheadMs", "shardLoadMsPerSample", "roundCoordinationMs");
    static final List<String> INTERFERENCE_KEYS = List.of("serviceSlowdown", "trainingSlowdown");
    /** A profile measured by {@code ./deepedge profile}: alone, never mixed with the inline keys. */
    static final List<String> FILE_KEYS = List.of("file", "device");
    private static final String FILE_KIND = "profile";
    /**
     * Training throughput of a device when there is no training block: DeviceProfile needs a positive number,
     * and without a job nothing ever reads it, so any positive value gives the same results.
     */
    static final double UNUSED_THROUGHPUT = 1.0;

    private final Problems problems;
    private final TrainingSection.Result training;
    private final TraceFiles files;
    private final boolean calibratedFigures;

    /**
     * @param files resolves and reads the profile files entries name
     * @param calibratedFigures whether a throughput the entry does not write is calibrated (testbed)
     */
    ProfileReader(Problems problems, TrainingSection.Result training, TraceFiles files, boolean calibratedFigures) {
        this.problems = problems;
        this.training = training;
        this.files = files;
        this.calibratedFigures = calibratedFigures;
    }

    /** Whether the entry's profile names a profile file. */
    static boolean fromFile(YamlMap entry) {
        return entry.map("profile", "").map(b -> b.has("file")).orElse(false);
    }

    /**
     * {@code profile: { file: F, device: NAME }}: the device {@code NAME} (default: the entry's name) of profile
     * file {@code F}. The file's figures are the whole profile: inline profile keys beside {@code file} are
     * refused rather than merged, so a profile is never half measured and half guessed.
     */
    Optional<ProfiledDevice> readFile(YamlMap entry) {
        YamlMap block = entry.map("profile", "").orElseThrow();
        for (String key : block.keys()) {
            if (!FILE_KEYS.contains(key)) {
                problems.add(block.keyNode(key), block.path(key), KEYS.contains(key) ? "cannot be combined with"
                        + " profile.file (the file's figures are the whole profile)" : "unknown key", key,
                        "only file and device beside a profile file; or an inline profile without file");
            }
        }
        Optional<String> written = block.text("file", "the path of a profile file written by ./deepedge profile");
        Optional<String> device = block.has("device") ? block.name("device") : entry.text("name", Names.EXPECTED);
        if (written.isEmpty() || device.isEmpty()) {
            return Optional.empty();
        }
        Node at = block.get("file").orElseThrow();
        Optional<Path> file = files.resolve(written.get());
        if (file.isEmpty()) {
            problems.add(at, block.path("file"), "profile file not found", written.get(), files.searched());
            return Optional.empty();
        }
        Profile profile;
        try {
            profile = files.load(file.get(), FILE_KIND, f -> ProfileFileReader.read(f, written.get()));
        } catch (TraceException e) {
            for (TraceProblem p : e.problems()) {
                problems.addExternal(at, block.path("file"), p);
            }
            return Optional.empty();
        }
        Optional<ProfiledDevice> found = profile.device(device.get());
        if (found.isEmpty()) {
            Node where = block.has("device") ? block.get("device").orElseThrow() : at;
            problems.add(where, block.has("device") ? block.path("device") : block.path("file"),
                    "the profile file has no device " + device.get(), written.get(), "a device the file profiles, "
                    + YamlNodes.oneOf(profile.devices().stream().map(ProfiledDevice::name).toList())
                    + (block.has("device") ? "" : " (name it with profile.device)"));
        }
        return found;
    }

    /** The profile of a device entry; empty when something is invalid (and reported) or undeterminable. */
    Optional<DeviceProfile> read(YamlMap entry, Optional<DeviceType> type) {
        Optional<YamlMap> block = entry.map("profile", "a mapping with keys " + String.join(", ", KEYS));
        if (entry.has("profile") && block.isEmpty()) {
            return Optional.empty();
        }
        block.ifPresent(b -> b.allowOnly(KEYS));
        // Without a type the profile is the only source; with an unknown type that was already reported.
        boolean required = !entry.has("type");
        OptionalDouble memory = block.isPresent() && (required || block.get().has("memoryMiB"))
                ? block.get().number("memoryMiB", Ranges.MEMORY_MIB)
                : type.map(t -> OptionalDouble.of(t.memoryMiB())).orElse(OptionalDouble.empty());
        Optional<Interference> interference = interference(block, type);
        Optional<TrainingMemory> trainingMemory = training.memory();
        // Placeholder defaults when those are invalid: the items are still validated, the profile is not built.
        Optional<List<BatchPoint>> batches = block.isEmpty() ? Optional.of(List.of())
                : BatchReader.read(block.get(), interference.map(Interference::serviceSlowdown).orElse(1.0),
                trainingMemory.orElse(TrainingMemory.NONE), problems);
        OptionalDouble throughput = throughput(entry, block, type, batches);
        Optional<DeviceOverhead> overhead = overhead(block);
        if (memory.isEmpty() || throughput.isEmpty() || interference.isEmpty() || trainingMemory.isEmpty()
                || batches.isEmpty() || overhead.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(entry.node(), entry.path("profile"), () -> new DeviceProfile(throughput.getAsDouble(),
                memory.getAsDouble(), interference.get(), trainingMemory.get(), batches.get(), overhead.get()));
    }

    /**
     * The device's own work per round and per shard sample and the round's coordination wait, each 0 unless written
     * (catalog types have none).
     */
    private Optional<DeviceOverhead> overhead(Optional<YamlMap> block) {
        if (block.isEmpty()) {
            return Optional.of(DeviceOverhead.NONE);
        }
        OptionalDouble round = block.get().number("roundOverheadMs", Ranges.DEVICE_WORK_MS, 0);
        OptionalDouble load = block.get().number("shardLoadMsPerSample", Ranges.DEVICE_WORK_MS, 0);
        OptionalDouble coordination = block.get().number("roundCoordinationMs", Ranges.DEVICE_WORK_MS, 0);
        if (round.isEmpty() || load.isEmpty() || coordination.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceOverhead(round.getAsDouble(), load.getAsDouble(), coordination.getAsDouble()));
    }

    /**
     * Inline, else the largest profiled batch's, else the type's catalog figure for the job's model. An untyped
     * device without batches has only the inline figure, so there it is required.
     */
    private OptionalDouble throughput(YamlMap entry, Optional<YamlMap> block, Optional<DeviceType> type,
                                      Optional<List<BatchPoint>> batches) {
        boolean batched = block.isPresent() && block.get().has("batches");
        boolean written = block.isPresent() && block.get().has("trainSamplesPerSec");
        if (calibratedFigures && !written && !batched) {
            // the testbed calibrates it and plans with that figure: any positive placeholder keeps the profile valid
            return OptionalDouble.of(UNUSED_THROUGHPUT);
        }
        if (block.isPresent() && (written || (!entry.has("type") && !batched))) {
            return block.get().number("trainSamplesPerSec", Ranges.SAMPLES_PER_SEC);
        }
        if (batched) {
            return batches.map(b -> OptionalDouble.of(BatchReader.largestBatchThroughput(b))).orElse(OptionalDouble.empty());
        }
        return catalogThroughput(entry, type);
    }

    private OptionalDouble catalogThroughput(YamlMap entry, Optional<DeviceType> type) {
        if (!training.present()) {
            return OptionalDouble.of(UNUSED_THROUGHPUT);
        }
        if (type.isEmpty() || training.model().isEmpty()) {
            return OptionalDouble.empty(); // no type or an invalid model: the cause is reported elsewhere
        }
        String model = training.model().get();
        Optional<Double> figure = type.get().trainSamplesPerSec(model);
        if (figure.isEmpty()) {
            String known = YamlNodes.oneOf(List.copyOf(type.get().trainableModels().keySet()));
            String what = model.isEmpty() ? "has no training throughput: training has no model for type " + type.get().id()
                    : "has no training throughput for model " + model + " on type " + type.get().id();
            problems.add(entry.node(), entry.path(), what, type.get().id(),
                    "profile.trainSamplesPerSec, or a training.model the type has figures for: " + known);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(figure.get());
    }

    /** Each slowdown from the profile, else the type's, else 1 (no interference) for an untyped device. */
    private Optional<Interference> interference(Optional<YamlMap> block, Optional<DeviceType> type) {
        double service = type.map(DeviceType::serviceSlowdown).orElse(1.0);
        double training = type.map(DeviceType::trainingSlowdown).orElse(1.0);
        if (block.isEmpty() || !block.get().has("interference")) {
            return Optional.of(new Interference(service, training));
        }
        Optional<YamlMap> m = block.get().map("interference",
                "a mapping with keys " + String.join(", ", INTERFERENCE_KEYS));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        m.get().allowOnly(INTERFERENCE_KEYS);
        OptionalDouble serviceSlowdown = m.get().number("serviceSlowdown", Ranges.SLOWDOWN, service);
        OptionalDouble trainingSlowdown = m.get().number("trainingSlowdown", Ranges.SLOWDOWN, training);
        if (serviceSlowdown.isEmpty() || trainingSlowdown.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(m.get().node(), m.get().path(),
                () -> new Interference(serviceSlowdown.getAsDouble(), trainingSlowdown.getAsDouble()));
    }
}
