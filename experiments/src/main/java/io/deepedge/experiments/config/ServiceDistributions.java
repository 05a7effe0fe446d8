package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ServiceTime;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads a service's {@code arrivals} and {@code serviceTimeMs} blocks: exactly one variant each. */
final class ServiceDistributions {
    static final List<String> ARRIVALS = List.of("poisson", "steps", "trace");
    static final List<String> SERVICE_TIMES = List.of("exponential", "constant", "lognormal");
    static final String CATALOG = "catalog";
    static final String PROFILE = "profile";

    /**
     * A service time as configured: a fixed distribution, or {@code catalog} or {@code profile} (resolved per
     * placed device: its catalog type's figure, or its profile file's measurement).
     *
     * @param fixed the distribution; empty for {@code catalog} and {@code profile}
     * @param fromProfile whether it is {@code profile}
     */
    record TimeSpec(Optional<ServiceTime> fixed, boolean fromProfile) {
        static final TimeSpec CATALOG = new TimeSpec(Optional.empty(), false);
        static final TimeSpec PROFILE = new TimeSpec(Optional.empty(), true);

        boolean fromCatalog() {
            return fixed.isEmpty() && !fromProfile;
        }
    }

    private ServiceDistributions() {
    }

    /** @param horizonSec how far a looped functions trace repeats; empty when the horizon is invalid (reported) */
    static Optional<Arrivals> arrivals(YamlMap service, TraceFiles traces, OptionalDouble horizonSec, Problems problems) {
        String expected = "a mapping with exactly one of " + String.join(", ", ARRIVALS);
        Optional<Node> node = service.require("arrivals", expected);
        Optional<YamlMap> m = node.flatMap(n -> YamlMap.of(n, service.path("arrivals"), expected, problems));
        Optional<String> variant = m.flatMap(a -> a.variant(ARRIVALS));
        if (variant.isEmpty()) {
            return Optional.empty();
        }
        if (variant.get().equals("trace")) {
            return TraceArrivals.read(m.get(), traces, horizonSec, problems);
        }
        if (variant.get().equals("steps")) {
            return StepsReader.read(m.get(), problems);
        }
        Optional<YamlMap> poisson = m.get().map("poisson", "a mapping with ratePerSec");
        poisson.ifPresent(p -> p.allowOnly(List.of("ratePerSec")));
        OptionalDouble rate = poisson.map(p -> p.number("ratePerSec", Ranges.RATE_PER_SEC)).orElse(OptionalDouble.empty());
        return rate.isEmpty() ? Optional.empty()
                : problems.build(poisson.get().node(), poisson.get().path(), () -> new Arrivals.Poisson(rate.getAsDouble()));
    }

    static Optional<TimeSpec> serviceTime(YamlMap service, Problems problems) {
        String expected = "catalog, profile, or a mapping with exactly one of " + String.join(", ", SERVICE_TIMES);
        Optional<Node> node = service.require("serviceTimeMs", expected);
        String path = service.path("serviceTimeMs");
        if (node.isPresent() && node.get() instanceof ScalarNode scalar) {
            if (scalar.getValue().equals(CATALOG)) {
                return Optional.of(TimeSpec.CATALOG);
            }
            if (scalar.getValue().equals(PROFILE)) {
                return Optional.of(TimeSpec.PROFILE);
            }
            problems.add(scalar, path, "is not a service-time distribution", YamlNodes.show(scalar), expected);
            return Optional.empty();
        }
        Optional<YamlMap> m = node.flatMap(n -> YamlMap.of(n, path, expected, problems));
        Optional<String> variant = m.flatMap(t -> t.variant(SERVICE_TIMES));
        if (variant.isEmpty()) {
            return Optional.empty();
        }
        Optional<YamlMap> params = m.get().map(variant.get(), "a mapping of distribution parameters");
        return params.flatMap(p -> distribution(variant.get(), p, problems)).map(t -> new TimeSpec(Optional.of(t), false));
    }

    private static Optional<ServiceTime> distribution(String variant, YamlMap p, Problems problems) {
        return switch (variant) {
            case "exponential" -> {
                p.allowOnly(List.of("meanMs"));
                OptionalDouble mean = p.number("meanMs", Ranges.DURATION_MS);
                yield mean.isEmpty() ? Optional.empty()
                        : problems.build(p.node(), p.path(), () -> new ServiceTime.Exponential(mean.getAsDouble()));
            }
            case "constant" -> {
                p.allowOnly(List.of("ms"));
                OptionalDouble ms = p.number("ms", Ranges.DURATION_MS);
                yield ms.isEmpty() ? Optional.empty()
                        : problems.build(p.node(), p.path(), () -> new ServiceTime.Constant(ms.getAsDouble()));
            }
            default -> {
                p.allowOnly(List.of("meanMs", "cv"));
                OptionalDouble mean = p.number("meanMs", Ranges.DURATION_MS);
                OptionalDouble cv = p.number("cv", Ranges.CV);
                yield mean.isEmpty() || cv.isEmpty() ? Optional.empty()
                        : problems.build(p.node(), p.path(), () -> new ServiceTime.Lognormal(mean.getAsDouble(), cv.getAsDouble()));
            }
        };
    }
}
