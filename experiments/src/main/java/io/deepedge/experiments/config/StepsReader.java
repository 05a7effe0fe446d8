package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads {@code arrivals: { steps: [...] }}, a piecewise-constant Poisson rate: the first step starts at 0, times
 * strictly increase, and some rate is positive (a service that never gets a request is almost surely a typo).
 */
final class StepsReader {
    static final List<String> KEYS = List.of("atSec", "ratePerSec");
    static final String EXPECTED = "a non-empty list of {atSec, ratePerSec}, the first at atSec 0";

    /**
     * One list item as read.
     *
     * @param atSec its time when that is a valid number, in order or not: what the next item is checked against
     * @param step the step, when the item is valid
     */
    private record Item(OptionalDouble atSec, Optional<Arrivals.Step> step) {
    }

    private StepsReader() {
    }

    /** The arrivals of {@code arrivals.steps}, or empty when it has problems (all recorded). */
    static Optional<Arrivals> read(YamlMap arrivals, Problems problems) {
        Optional<List<Node>> items = arrivals.list("steps", EXPECTED);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<Arrivals.Step> steps = new ArrayList<>();
        OptionalDouble previous = OptionalDouble.empty();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            Item item = item(items.get().get(i), YamlNodes.item(arrivals.path("steps"), i), i, previous, problems);
            item.step().ifPresent(steps::add);
            ok &= item.step().isPresent();
            // Each time is checked against the one written just before it, so one slip is reported once.
            previous = item.atSec();
        }
        if (ok && steps.stream().noneMatch(s -> s.ratePerSec() > 0)) {
            // At the key: a block list starts at its first item, which is not where the problem is.
            problems.add(arrivals.keyNode("steps"), arrivals.path("steps"), "has no positive rate",
                    "every ratePerSec is 0", "at least one step with ratePerSec > 0");
            ok = false;
        }
        return ok ? problems.build(arrivals.node(), arrivals.path("steps"), () -> new Arrivals.Steps(steps))
                : Optional.empty();
    }

    private static Item item(Node node, String path, int index, OptionalDouble previous, Problems problems) {
        Optional<YamlMap> entry = YamlMap.of(node, path, "a mapping with keys " + String.join(", ", KEYS), problems);
        if (entry.isEmpty()) {
            return new Item(OptionalDouble.empty(), Optional.empty());
        }
        YamlMap m = entry.get();
        m.allowOnly(KEYS);
        OptionalDouble atSec = m.number("atSec", Ranges.TIME_SEC);
        OptionalDouble rate = m.number("ratePerSec", Ranges.STEP_RATE_PER_SEC);
        boolean inOrder = atSec.isPresent() && inOrder(m, index, previous, atSec.getAsDouble(), problems);
        if (!inOrder || rate.isEmpty()) {
            return new Item(atSec, Optional.empty());
        }
        return new Item(atSec, problems.build(m.node(), path,
                () -> new Arrivals.Step(atSec.getAsDouble(), rate.getAsDouble())));
    }

    /**
     * Whether the step's time is in order: 0 for the first step, after the previous one otherwise.
     *
     * @param previous the time written at the previous step; empty for the first or when that one is not a valid time
     */
    private static boolean inOrder(YamlMap m, int index, OptionalDouble previous, double atSec, Problems problems) {
        Node at = m.get("atSec").orElseThrow();
        if (index == 0 && atSec != 0) {
            problems.add(at, m.path("atSec"), "the first step must start at 0", YamlNodes.show(at),
                    "0 (the rate from the start of the run)");
            return false;
        }
        if (previous.isPresent() && atSec <= previous.getAsDouble()) {
            String before = YamlNodes.format(previous.getAsDouble());
            problems.add(at, m.path("atSec"), "must be after the previous step's atSec = " + before,
                    YamlNodes.show(at), "a number > " + before + " (step times strictly increase)");
            return false;
        }
        return true;
    }
}
