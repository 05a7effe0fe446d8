package io.deepedge.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A grid point (the values of the sweep columns, in column order) and a policy: the unit the summary reports.
 *
 * @param point sweep values in sweep-column order; empty without a sweep
 * @param policy policy id
 */
record GroupKey(List<String> point, String policy) {
    GroupKey {
        point = List.copyOf(point);
    }

    /** {@code name=value, name=value} for a grid point, names shortened by {@link #shortNames}; "" without a sweep. */
    static String pointLabel(List<String> sweepColumns, List<String> point) {
        List<String> names = shortNames(sweepColumns);
        StringJoiner label = new StringJoiner(", ");
        for (int i = 0; i < names.size(); i++) {
            label.add(names.get(i) + "=" + point.get(i));
        }
        return label.toString();
    }

    /**
     * For each dotted config path, its shortest trailing part of at least two segments that no other path ends
     * with ({@code services.detector.arrivals.poisson.ratePerSec} becomes {@code poisson.ratePerSec}).
     */
    static List<String> shortNames(List<String> paths) {
        List<String> names = new ArrayList<>(paths.size());
        for (String path : paths) {
            String[] segments = path.split("\\.", -1);
            String name = path;
            for (int keep = Math.min(2, segments.length); keep <= segments.length; keep++) {
                String suffix = String.join(".", List.of(segments).subList(segments.length - keep, segments.length));
                if (endsUniquely(paths, path, suffix)) {
                    name = suffix;
                    break;
                }
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static boolean endsUniquely(List<String> paths, String self, String suffix) {
        for (String other : paths) {
            if (!other.equals(self) && (other.equals(suffix) || other.endsWith("." + suffix))) {
                return false;
            }
        }
        return true;
    }
}
