package io.deepedge.experiments.config;

import io.deepedge.models.metrics.MetricsWindow;
import org.yaml.snakeyaml.nodes.Node;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the optional {@code metrics} block: the LC metrics window, the same for every policy of the experiment.
 * {@code fromSec} defaults to the job's submission ({@code training.submitAtSec}, 0 without a job) and
 * {@code toSec} to {@code horizonSec}; the window must lie within {@code [0, horizonSec]} and not be empty.
 */
final class MetricsSection {
    static final List<String> KEYS = List.of("fromSec", "toSec");
    private static final String PATH = "metrics";

    private MetricsSection() {
    }

    /**
     * The window, or empty when it has problems (all recorded) or cannot be known because the horizon or the
     * training block it defaults from is invalid (reported there).
     */
    static Optional<MetricsWindow> read(YamlMap top, OptionalDouble horizonSec, TrainingSection.Result training,
                                        Problems problems) {
        Optional<YamlMap> block = top.has(PATH)
                ? top.map(PATH, "a mapping with optional keys " + String.join(", ", KEYS)) : Optional.empty();
        if (top.has(PATH) && block.isEmpty()) {
            return Optional.empty();
        }
        block.ifPresent(b -> b.allowOnly(KEYS));
        OptionalDouble defaultFrom = training.present()
                ? training.job().map(j -> OptionalDouble.of(j.submitAtSec())).orElse(OptionalDouble.empty())
                : OptionalDouble.of(0);
        OptionalDouble from = given(block, "fromSec", Ranges.TIME_SEC).orElse(defaultFrom);
        OptionalDouble to = given(block, "toSec", Ranges.DURATION_SEC).orElse(horizonSec);
        if (from.isEmpty() || to.isEmpty() || horizonSec.isEmpty()) {
            return Optional.empty();
        }
        return check(block, from.getAsDouble(), to.getAsDouble(), horizonSec.getAsDouble(), problems);
    }

    /** The field's value when the block gives it (empty inside when invalid), else empty outside. */
    private static Optional<OptionalDouble> given(Optional<YamlMap> block, String key, Bound bound) {
        return block.filter(b -> b.has(key)).map(b -> b.number(key, bound));
    }

    private static Optional<MetricsWindow> check(Optional<YamlMap> block, double fromSec, double toSec,
                                                 double horizonSec, Problems problems) {
        String horizon = YamlNodes.format(horizonSec);
        boolean ok = true;
        if (toSec > horizonSec) {
            Node at = block.orElseThrow().get("toSec").orElseThrow();
            problems.add(at, block.get().path("toSec"), "must not exceed horizonSec = " + horizon, YamlNodes.show(at),
                    "a number > metrics.fromSec and <= " + horizon);
            ok = false;
        } else if (fromSec >= toSec) {
            YamlMap b = block.orElseThrow();
            String key = b.has("fromSec") ? "fromSec" : "toSec";
            Node at = b.get(key).orElseThrow();
            String other = key.equals("fromSec")
                    ? "metrics.toSec" + (b.has("toSec") ? "" : " (default horizonSec)") + " = " + YamlNodes.format(toSec)
                    : "metrics.fromSec" + (b.has("fromSec") ? "" : " (default training.submitAtSec)") + " = "
                    + YamlNodes.format(fromSec);
            String what = key.equals("fromSec") ? "must be before " + other : "must be after " + other;
            problems.add(at, b.path(key), what, YamlNodes.show(at), key.equals("fromSec")
                    ? "a number >= 0 and < " + YamlNodes.format(toSec)
                    : "a number > " + YamlNodes.format(fromSec) + " and <= " + horizon);
            ok = false;
        }
        return ok ? Optional.of(new MetricsWindow(fromSec, toSec)) : Optional.empty();
    }
}
