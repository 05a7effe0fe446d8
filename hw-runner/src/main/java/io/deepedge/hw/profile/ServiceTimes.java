package io.deepedge.hw.profile;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.util.List;

/**
 * One service's service times in one condition (or pooled over several): how many requests, their mean and
 * coefficient of variation (sample standard deviation / mean), and their median (NaN where not known: pooled
 * figures).
 */
record ServiceTimes(long count, double meanMs, double cv, double medianMs) {
    ServiceTimes {
        if (count < 0 || !(meanMs >= 0) || !(cv >= 0)) {
            throw new IllegalArgumentException("service times: count " + count + ", mean " + meanMs + " ms, cv " + cv);
        }
    }

    /** Figures without a median. */
    ServiceTimes(long count, double meanMs, double cv) {
        this(count, meanMs, cv, Double.NaN);
    }

    /** The figures of these service times (count 0, mean 0 without any). */
    static ServiceTimes of(float[] ms) {
        if (ms.length == 0) {
            return new ServiceTimes(0, 0, 0);
        }
        double[] values = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            values[i] = ms[i];
        }
        double mean = new Mean().evaluate(values);
        double sd = ms.length < 2 ? 0 : new StandardDeviation().evaluate(values, mean); // n - 1 in the denominator
        return new ServiceTimes(ms.length, mean, mean > 0 ? sd / mean : 0, DeviceProfiler.median(values));
    }

    /**
     * The figures of all requests of {@code parts} together: the mean over all requests, and the cv from the pooled
     * second moment (per part, the sample variance has {@code k - 1} degrees of freedom, so its sum of squares is
     * {@code (k - 1) sd^2 + k mean^2}).
     */
    static ServiceTimes pooled(List<ServiceTimes> parts) {
        double n = 0;
        double sum = 0;
        double sumSquares = 0;
        for (ServiceTimes t : parts) {
            double k = t.count();
            double m = t.meanMs();
            n += k;
            sum += k * m;
            sumSquares += Math.max(0, k - 1) * Math.pow(t.cv() * m, 2) + k * m * m;
        }
        if (n == 0) {
            return new ServiceTimes(0, 0, 0);
        }
        double mean = sum / n;
        double variance = n > 1 ? (sumSquares - n * mean * mean) / (n - 1) : 0;
        return new ServiceTimes((long) n, mean, mean > 0 ? Math.sqrt(Math.max(0, variance)) / mean : 0);
    }
}
