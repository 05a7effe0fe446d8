package io.deepedge.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether the manifests of {@code validate}'s two directories describe one experiment: every difference is a
 * line naming both directories, the field, REAL_DIR's value and SIM_DIR's as the expected one.
 */
final class ValidationSameExperiment {
    private ValidationSameExperiment() {
    }

    /** Adds every difference to {@code problems}, and to {@code warnings} what differs but is compared anyway. */
    static void check(ValidationDirs.Dir sim, ValidationDirs.Dir real, List<String> problems, List<String> warnings) {
        Map<String, Object> s = sim.manifest();
        Map<String, Object> r = real.manifest();
        same("experiment", s.get("experiment"), r.get("experiment"), sim, real, problems);
        configText(sim, real, problems, warnings);
        TreeSet<String> simPolicies = ValidationDirs.names(s.get("policies"));
        TreeSet<String> realPolicies = ValidationDirs.names(r.get("policies"));
        same("policies", simPolicies, realPolicies, sim, real, problems);
        same("sweepPaths", s.get("sweepPaths"), r.get("sweepPaths"), sim, real, problems);
        List<Map<?, ?>> simPoints = points(s.get("resolved"));
        List<Map<?, ?>> realPoints = points(r.get("resolved"));
        same("resolved: grid points", values(simPoints), values(realPoints), sim, real, problems);
        same("resolved: devices", field(simPoints, "devices", "name", "type"),
                field(realPoints, "devices", "name", "type"), sim, real, problems);
        same("resolved: services", field(simPoints, "services", "service", "device"),
                field(realPoints, "services", "service", "device"), sim, real, problems);
        same("resolved: metrics", scalar(simPoints, "metrics"), scalar(realPoints, "metrics"), sim, real, problems);
        same("resolved: horizonSec", scalar(simPoints, "horizonSec"), scalar(realPoints, "horizonSec"), sim, real,
                problems);
    }

    private static void same(String field, Object simValue, Object realValue, ValidationDirs.Dir sim,
                             ValidationDirs.Dir real, List<String> problems) {
        if (!Objects.equals(simValue, realValue)) {
            problems.add(at(real) + field + ": differs from " + sim.role() + " " + sim.path() + " ("
                    + OutputTarget.shorten(String.valueOf(realValue)) + "), expected "
                    + OutputTarget.shorten(String.valueOf(simValue)) + " as in " + sim.path()
                    + " (validate compares two runs of one experiment)");
        }
    }

    private static String at(ValidationDirs.Dir dir) {
        return dir.role() + " " + dir.path() + ": manifest.json: ";
    }

    /**
     * The config texts must be equal, or differ only in {@link SimulatorOnlySettings} (a warning names them); a
     * difference is shown at its first line, with both texts' SHA-256.
     */
    private static void configText(ValidationDirs.Dir sim, ValidationDirs.Dir real, List<String> problems,
                                   List<String> warnings) {
        String simText = String.valueOf(sim.manifest().get("configText"));
        String realText = String.valueOf(real.manifest().get("configText"));
        if (simText.equals(realText)) {
            return;
        }
        Optional<SimulatorOnlySettings.Stripped> simTree = SimulatorOnlySettings.strip(simText);
        Optional<SimulatorOnlySettings.Stripped> realTree = SimulatorOnlySettings.strip(realText);
        if (simTree.isPresent() && realTree.isPresent()
                && Objects.equals(simTree.get().tree(), realTree.get().tree())) {
            List<String> where = new ArrayList<>();
            describe(sim, simTree.get()).ifPresent(where::add);
            describe(real, realTree.get()).ifPresent(where::add);
            warnings.add("validate: warning: configText: differs only in settings the testbed does not read ("
                    + String.join("; ", where) + "): compared as one experiment");
            return;
        }
        String[] simLines = simText.split("\n", -1);
        String[] realLines = realText.split("\n", -1);
        int line = 0;
        while (line < simLines.length && line < realLines.length && simLines[line].equals(realLines[line])) {
            line++;
        }
        String realLine = line < realLines.length ? realLines[line].strip() : "end of text";
        String simLine = line < simLines.length ? simLines[line].strip() : "end of text";
        problems.add(at(real) + "configText: differs from " + sim.role() + " " + sim.path() + " at config line "
                + (line + 1) + " (" + OutputTarget.shorten(realLine) + "; sha256 "
                + ValidationDirs.sha256(realText).substring(0, 12) + "), expected " + OutputTarget.shorten(simLine)
                + " (sha256 " + ValidationDirs.sha256(simText).substring(0, 12) + ") as in " + sim.path()
                + " (validate compares two runs of one config)");
    }

    private static Optional<String> describe(ValidationDirs.Dir dir, SimulatorOnlySettings.Stripped stripped) {
        return stripped.removed().isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", stripped.removed()) + " in " + dir.role());
    }

    private static List<Map<?, ?>> points(Object resolved) {
        List<Map<?, ?>> points = new ArrayList<>();
        if (resolved instanceof List<?> list) {
            list.forEach(p -> points.add(p instanceof Map<?, ?> m ? m : Map.of()));
        }
        return points;
    }

    private static List<Object> values(List<Map<?, ?>> points) {
        return points.stream().map(p -> (Object) p.get("values")).toList();
    }

    private static Map<?, ?> scenario(Map<?, ?> point) {
        return point.get("scenario") instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<Object> scalar(List<Map<?, ?>> points, String key) {
        return points.stream().map(p -> (Object) scenario(p).get(key)).toList();
    }

    /** Per grid point, the entries of a scenario list as {@code a:b} pairs of two of their fields. */
    private static List<List<String>> field(List<Map<?, ?>> points, String list, String first, String second) {
        List<List<String>> all = new ArrayList<>();
        for (Map<?, ?> p : points) {
            List<String> entries = new ArrayList<>();
            if (scenario(p).get(list) instanceof List<?> items) {
                for (Object item : items) {
                    Map<?, ?> m = item instanceof Map<?, ?> map ? map : Map.of();
                    entries.add(m.get(first) + ":" + m.get(second));
                }
            }
            all.add(entries);
        }
        return all;
    }
}
