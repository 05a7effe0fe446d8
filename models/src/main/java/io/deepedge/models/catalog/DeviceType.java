package io.deepedge.models.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A catalog device type: its figures, and typed access to the ones the simulator uses.
 *
 * @param id config key, e.g. {@code jetson-nano}
 * @param name human-readable name
 * @param figures every figure of this type, in file order, including the defaults shared by all types
 */
public record DeviceType(String id, String name, List<Figure> figures) {
    public DeviceType {
        figures = List.copyOf(figures);
    }

    public double memoryMiB() {
        return number("memoryMiB").orElseThrow();
    }

    public double serviceSlowdown() {
        return number("serviceSlowdown").orElse(1.0);
    }

    public double trainingSlowdown() {
        return number("trainingSlowdown").orElse(1.0);
    }

    public double inferenceCv() {
        return number("inferenceCv").orElse(0.1);
    }

    public Optional<Double> trainSamplesPerSec(String model) {
        return number("trainSamplesPerSec." + model);
    }

    public Optional<Double> inferenceMs(String model) {
        return number("inferenceMs." + model);
    }

    /** Models with a training-throughput figure on this type, sorted. */
    public Map<String, Double> trainableModels() {
        Map<String, Double> out = new TreeMap<>();
        String prefix = "trainSamplesPerSec.";
        figures.stream().filter(f -> f.quantity().startsWith(prefix))
                .forEach(f -> out.put(f.quantity().substring(prefix.length()), f.number()));
        return out;
    }

    public Optional<Double> number(String quantity) {
        return figures.stream().filter(f -> f.quantity().equals(quantity)).findFirst().map(Figure::number);
    }
}
