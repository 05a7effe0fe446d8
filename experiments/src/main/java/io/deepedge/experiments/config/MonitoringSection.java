package io.deepedge.experiments.config;

import io.deepedge.models.forecast.ForecastSpec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the optional {@code monitoring} block into a {@link ForecastSpec}, field by field over
 * {@link ForecastSpec#DEFAULT}. Parameters a forecaster does not use (e.g. gamma for ewma) are accepted, so a
 * sweep over the forecaster can share one block.
 */
final class MonitoringSection {
    static final List<String> KEYS = List.of("intervalSec", "forecaster", "alpha", "beta", "gamma",
            "seasonIntervals", "bandFraction", "damping", "falseAlarmProbability");
    /** The ids ForecastSpec accepts; it has no list of its own to ask. */
    static final List<String> FORECASTERS = List.of("last-value", "ewma", "holt-winters");
    private static final String PATH = "monitoring";

    private MonitoringSection() {
    }

    /** The block's spec, {@link ForecastSpec#DEFAULT} without a block, or empty when it has problems (all recorded). */
    static Optional<ForecastSpec> read(YamlMap top, Problems problems) {
        if (!top.has(PATH)) {
            return Optional.of(ForecastSpec.DEFAULT);
        }
        Optional<YamlMap> block = top.map(PATH, "a mapping with optional keys " + String.join(", ", KEYS));
        if (block.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = block.get();
        m.allowOnly(KEYS);
        ForecastSpec d = ForecastSpec.DEFAULT;
        OptionalDouble intervalSec = m.number("intervalSec", Ranges.DURATION_SEC, d.intervalSec());
        Optional<String> forecaster = forecaster(m, d.method(), problems);
        OptionalDouble alpha = m.number("alpha", Bound.HALF_OPEN_UNIT, d.alpha());
        OptionalDouble beta = m.number("beta", Bound.UNIT, d.beta());
        OptionalDouble gamma = m.number("gamma", Bound.UNIT, d.gamma());
        OptionalLong season = m.integer("seasonIntervals", Ranges.SEASON_INTERVALS, d.seasonIntervals());
        OptionalDouble band = m.number("bandFraction", Ranges.BAND_FRACTION, d.bandFraction());
        OptionalDouble damping = m.number("damping", Bound.HALF_OPEN_UNIT, d.damping());
        OptionalDouble falseAlarm = m.number("falseAlarmProbability", Bound.OPEN_UNIT, d.falseAlarmProbability());
        if (intervalSec.isEmpty() || forecaster.isEmpty() || alpha.isEmpty() || beta.isEmpty() || gamma.isEmpty()
                || season.isEmpty() || band.isEmpty() || damping.isEmpty() || falseAlarm.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(m.node(), PATH, () -> new ForecastSpec(intervalSec.getAsDouble(), forecaster.get(),
                alpha.getAsDouble(), beta.getAsDouble(), gamma.getAsDouble(), (int) season.getAsLong(),
                band.getAsDouble(), damping.getAsDouble(), falseAlarm.getAsDouble()));
    }

    /**
     * A run with services ends {@code horizonSec / intervalSec} monitoring intervals, and each refits every
     * instance's whole history: reported at {@code monitoring.intervalSec}, or at {@code horizonSec} when the
     * interval is the default.
     */
    static void checkIntervals(YamlMap top, ForecastSpec spec, double horizonSec, Problems problems) {
        double intervals = horizonSec / spec.intervalSec();
        if (intervals <= Ranges.MAX_INTERVALS) {
            return;
        }
        String what = "makes too many monitoring intervals: horizonSec / monitoring.intervalSec = "
                + YamlNodes.format(horizonSec) + " / " + YamlNodes.format(spec.intervalSec());
        String expected = "at most " + Ranges.MAX_INTERVALS + " intervals a run: monitoring.intervalSec >= "
                + YamlNodes.format(horizonSec / Ranges.MAX_INTERVALS) + " (horizonSec / " + Ranges.MAX_INTERVALS + ")";
        String count = YamlNodes.format(Math.ceil(intervals)) + " intervals";
        Optional<YamlMap> block = top.has(PATH) ? top.map(PATH, "") : Optional.empty();
        if (block.isPresent() && block.get().has("intervalSec")) {
            problems.add(block.get().get("intervalSec").orElseThrow(), block.get().path("intervalSec"), what, count,
                    expected);
        } else {
            problems.add(top.get("horizonSec").orElseThrow(), "horizonSec", what, count, expected);
        }
    }

    private static Optional<String> forecaster(YamlMap m, String fallback, Problems problems) {
        if (!m.has("forecaster")) {
            return Optional.of(fallback);
        }
        String expected = YamlNodes.oneOf(FORECASTERS);
        Optional<String> id = m.text("forecaster", expected);
        if (id.isPresent() && !FORECASTERS.contains(id.get())) {
            problems.add(m.get("forecaster").orElseThrow(), m.path("forecaster"), "unknown forecaster", id.get(), expected);
            return Optional.empty();
        }
        return id;
    }
}
