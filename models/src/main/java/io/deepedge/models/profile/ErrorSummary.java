package io.deepedge.models.profile;

import java.util.Arrays;

/**
 * Absolute relative errors {@code |predicted - measured| / measured} of one fitted quantity over some points.
 *
 * @param median the median (the mean of the middle two for an even count); 0 with no points
 * @param max the largest; 0 with no points
 * @param points how many points
 */
public record ErrorSummary(double median, double max, int points) {
    public static ErrorSummary of(double[] predicted, double[] measured) {
        if (predicted.length != measured.length) {
            throw new IllegalArgumentException("predicted and measured differ in length");
        }
        int n = predicted.length;
        if (n == 0) {
            return new ErrorSummary(0, 0, 0);
        }
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            errors[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        Arrays.sort(errors);
        double median = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
        return new ErrorSummary(median, errors[n - 1], n);
    }
}
