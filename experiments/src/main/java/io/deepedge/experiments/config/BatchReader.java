package io.deepedge.experiments.config;

import io.deepedge.models.BatchPoint;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.TrainingMemory;
import org.yaml.snakeyaml.nodes.Node;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads a profile's optional {@code batches} list into {@link BatchPoint}s: one operating point per local batch
 * size, each batch at most once. Omitted slowdowns and footprints come from the device's batch-independent figures.
 */
final class BatchReader {
    static final List<String> KEYS = List.of("batch", "trainSamplesPerSec", "serviceSlowdown", "memoryMiB");
    static final String EXPECTED = "a non-empty list of {batch, trainSamplesPerSec, serviceSlowdown, memoryMiB}";

    private final Problems problems;
    private final double serviceSlowdown;
    private final TrainingMemory memory;
    /** Which item profiled a batch first, for duplicate messages; only looked up, never iterated. */
    private final Map<Integer, String> ownerByBatch = new HashMap<>();

    /**
     * @param serviceSlowdown the default of each item's serviceSlowdown: the device's batch-independent figure
     * @param memory the default of each item's memoryMiB, evaluated at its batch: the job's training memory model
     */
    private BatchReader(Problems problems, double serviceSlowdown, TrainingMemory memory) {
        this.problems = problems;
        this.serviceSlowdown = serviceSlowdown;
        this.memory = memory;
    }

    /**
     * The profiled points in file order ({@code []} when the profile has no {@code batches}), or empty when any
     * item is invalid (all problems recorded).
     */
    static Optional<List<BatchPoint>> read(YamlMap profile, double serviceSlowdown, TrainingMemory memory,
                                           Problems problems) {
        if (!profile.has("batches")) {
            return Optional.of(List.of());
        }
        Optional<List<Node>> items = profile.list("batches", EXPECTED);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        BatchReader reader = new BatchReader(problems, serviceSlowdown, memory);
        List<Item> read = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            Optional<Item> item = reader.item(items.get().get(i), YamlNodes.item(profile.path("batches"), i));
            item.ifPresent(read::add);
            ok &= item.isPresent();
        }
        ok = ok && reader.iterationTimesRise(read);
        return ok ? Optional.of(read.stream().map(Item::point).toList()) : Optional.empty();
    }

    /** A read point and the mapping it came from, for problems that involve two points. */
    private record Item(BatchPoint point, YamlMap map) {
    }

    /**
     * Reports, at the larger batch's throughput, every pair of neighbouring batches where the larger one's
     * iteration would be shorter ({@link DeviceProfile#iterationTimeFalls}): such a profile is refused.
     */
    private boolean iterationTimesRise(List<Item> items) {
        List<Item> byBatch = items.stream().sorted(Comparator.comparingInt(i -> i.point().batch())).toList();
        boolean ok = true;
        for (int i = 1; i < byBatch.size(); i++) {
            BatchPoint smaller = byBatch.get(i - 1).point();
            BatchPoint larger = byBatch.get(i).point();
            if (DeviceProfile.iterationTimeFalls(smaller, larger)) {
                YamlMap m = byBatch.get(i).map();
                Node at = m.get("trainSamplesPerSec").orElseThrow();
                problems.add(at, m.path("trainSamplesPerSec"), String.format(Locale.ROOT,
                        "throughput rises faster than the batch: an iteration of batch %d would take %.4g s, less than"
                                + " one of batch %d (%.4g s at %s samples/s, %s)", larger.batch(), larger.iterationSec(),
                        smaller.batch(), smaller.iterationSec(), YamlNodes.show(byBatch.get(i - 1).map().get(
                                "trainSamplesPerSec").orElseThrow()), byBatch.get(i - 1).map().path()),
                        YamlNodes.show(at), "at most " + plain(DeviceProfile.maxThroughputAt(smaller, larger.batch()))
                                + " samples/s (" + larger.batch() + " / " + smaller.batch() + " x batch " + smaller.batch()
                                + "'s throughput): a larger batch cannot take less time per iteration");
                ok = false;
            }
        }
        return ok;
    }

    private static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private Optional<Item> item(Node node, String path) {
        Optional<YamlMap> entry = YamlMap.of(node, path, "a mapping with keys " + String.join(", ", KEYS), problems);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = entry.get();
        m.allowOnly(KEYS);
        OptionalLong batch = m.integer("batch", Ranges.BATCH);
        if (batch.isPresent() && !claim(m, (int) batch.getAsLong())) {
            batch = OptionalLong.empty();
        }
        OptionalDouble throughput = m.number("trainSamplesPerSec", Ranges.SAMPLES_PER_SEC);
        OptionalDouble slowdown = m.number("serviceSlowdown", Ranges.SLOWDOWN, serviceSlowdown);
        // The footprint's default depends on the batch, so without a valid batch there is none to fall back to.
        OptionalDouble memoryMiB = batch.isEmpty() && !m.has("memoryMiB") ? OptionalDouble.empty()
                : m.number("memoryMiB", Ranges.MEMORY_MIB_OR_ZERO, batch.isEmpty() ? 0 : memory.atBatch(batch.getAsLong()));
        if (batch.isEmpty() || throughput.isEmpty() || slowdown.isEmpty() || memoryMiB.isEmpty()) {
            return Optional.empty();
        }
        int b = (int) batch.getAsLong();
        return problems.build(m.node(), path, () -> new BatchPoint(b, throughput.getAsDouble(),
                slowdown.getAsDouble(), memoryMiB.getAsDouble())).map(p -> new Item(p, m));
    }

    /** Claims a batch size; one profiled twice is reported at the second, naming the first. */
    private boolean claim(YamlMap m, int batch) {
        String owner = ownerByBatch.putIfAbsent(batch, m.path());
        if (owner == null) {
            return true;
        }
        Node at = m.get("batch").orElseThrow();
        problems.add(at, m.path("batch"), "duplicate batch, already profiled by " + owner, YamlNodes.show(at),
                "each batch size at most once");
        return false;
    }

    /** The throughput at the largest profiled batch: the profile's batch-independent figure when none is given. */
    static double largestBatchThroughput(List<BatchPoint> points) {
        BatchPoint largest = points.get(0);
        for (BatchPoint p : points) {
            largest = p.batch() > largest.batch() ? p : largest;
        }
        return largest.trainSamplesPerSec();
    }
}
