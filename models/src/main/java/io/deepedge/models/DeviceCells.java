package io.deepedge.models;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** runs.csv's per-device cells: {@code device:value} pairs (4 decimals) joined by {@code ;} in device-name order. */
final class DeviceCells {
    private DeviceCells() {
    }

    /** The cell of the devices whose figure is {@code present}; empty when none is. */
    static <T> String render(Map<String, T> byDevice, Predicate<T> present, ToDoubleFunction<T> value) {
        StringJoiner cell = new StringJoiner(";");
        new TreeMap<>(byDevice).forEach((device, figure) -> {
            if (present.test(figure)) {
                cell.add(device + ":" + String.format(Locale.ROOT, "%.4f", value.applyAsDouble(figure)));
            }
        });
        return cell.toString();
    }
}
