package io.deepedge.models.catalog;

/**
 * One sourced number of the catalog.
 *
 * @param type device type id ({@code *} for defaults of every type)
 * @param quantity what is measured, e.g. {@code trainSamplesPerSec.resnet-18}
 * @param value the number, or a text for {@code name}
 * @param unit its unit
 * @param kind {@code measured}, {@code measured-derived}, {@code vendor} or {@code estimate}
 * @param source where it comes from ({@code -} for pure estimates)
 * @param derivation conditions, or how an estimate was derived
 */
public record Figure(String type, String quantity, String value, String unit, String kind, String source,
                     String derivation) {
    public double number() {
        return Double.parseDouble(value);
    }
}
