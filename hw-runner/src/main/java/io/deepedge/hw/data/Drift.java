package io.deepedge.hw.data;

import java.util.SplittableRandom;

/**
 * A seeded, label-preserving covariate drift of grey-scale images: what a camera that was knocked askew and
 * now films in fog or poor light sends. Each image is, in this order,
 * <ol>
 *   <li>rotated about its centre by an angle of random sign and magnitude uniform in
 *       [{@code minRotationDeg}, {@code maxRotationDeg}] (bilinear interpolation, background outside);</li>
 *   <li>washed out towards mid grey: {@code p -> 0.5 + c (p - 0.5)} on intensities in [0, 1], with contrast
 *       {@code c} uniform in [{@code minContrast}, {@code maxContrast}];</li>
 *   <li>overlaid with independent Gaussian pixel noise of standard deviation {@code noiseStd}, clamped to
 *       [0, 1] and rounded back to bytes.</li>
 * </ol>
 * The draws for an image depend only on the seed and the image's global index (never on which agent or batch
 * handles it), so a shard drifted on a device equals the same images drifted at the coordinator. Arithmetic
 * uses {@link StrictMath}: the same seed gives the same bytes on every JVM and machine.
 *
 * @param seed seed of the drift draws
 * @param minRotationDeg smallest rotation magnitude (degrees, >= 0)
 * @param maxRotationDeg largest rotation magnitude (degrees, >= min)
 * @param minContrast smallest contrast factor (0..1]
 * @param maxContrast largest contrast factor (>= min, <= 1)
 * @param noiseStd noise standard deviation in intensity units (0..1)
 */
public record Drift(long seed, double minRotationDeg, double maxRotationDeg, double minContrast, double maxContrast,
                    double noiseStd) {
    public Drift {
        check(0 <= minRotationDeg && minRotationDeg <= maxRotationDeg && maxRotationDeg <= 180,
                "rotation", minRotationDeg + ".." + maxRotationDeg, "0 <= min <= max <= 180");
        check(0 < minContrast && minContrast <= maxContrast && maxContrast <= 1,
                "contrast", minContrast + ".." + maxContrast, "0 < min <= max <= 1");
        check(0 <= noiseStd && noiseStd <= 1, "noiseStd", Double.toString(noiseStd), "0..1");
    }

    /**
     * The drift of the testbed's update job: rotation 15-35 degrees either way, contrast 0.5-0.8, noise 0.08.
     * The base LeNet's held-out accuracy on the shipped subset drops from 0.80 to 0.35 under it (README,
     * "Hardware runner").
     */
    public static Drift standard(long seed) {
        return new Drift(seed, 15, 35, 0.5, 0.8, 0.08);
    }

    /** No change at all: every image is returned as it was. */
    public static Drift none() {
        return new Drift(0, 0, 0, 1, 1, 0);
    }

    /** Short text for manifests and cache keys. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "rotation %s..%s deg, contrast %s..%s, noise %s, seed %d",
                minRotationDeg, maxRotationDeg, minContrast, maxContrast, noiseStd, seed);
    }

    /**
     * The drifted images of {@code in}, whose image {@code i} is image {@code firstIndex + i} of the data set it
     * was cut from; labels are unchanged.
     */
    public LabelledImages apply(LabelledImages in, int firstIndex) {
        int ppi = in.pixelsPerImage();
        byte[] out = new byte[in.pixelBytes().length];
        double[] src = new double[ppi];
        double[] dst = new double[ppi];
        for (int i = 0; i < in.count(); i++) {
            SplittableRandom rng = new SplittableRandom(mix(seed ^ mix(firstIndex + (long) i)));
            double magnitude = minRotationDeg + (maxRotationDeg - minRotationDeg) * rng.nextDouble();
            double angleRad = StrictMath.toRadians(rng.nextBoolean() ? magnitude : -magnitude);
            double contrast = minContrast + (maxContrast - minContrast) * rng.nextDouble();
            for (int p = 0; p < ppi; p++) {
                src[p] = Byte.toUnsignedInt(in.pixelBytes()[i * ppi + p]) / 255.0;
            }
            rotate(src, dst, in.rows(), in.cols(), angleRad);
            for (int p = 0; p < ppi; p++) {
                double v = 0.5 + contrast * (dst[p] - 0.5) + (noiseStd > 0 ? noiseStd * gaussian(rng) : 0);
                out[i * ppi + p] = (byte) StrictMath.round(Math.min(1, Math.max(0, v)) * 255);
            }
        }
        return new LabelledImages(in.source() + " drifted (" + describe() + ")", in.rows(), in.cols(), in.classes(),
                out, in.labelBytes().clone());
    }

    /** Rotates by {@code angleRad} about the centre: each target pixel samples the source bilinearly. */
    static void rotate(double[] src, double[] dst, int rows, int cols, double angleRad) {
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        double cos = StrictMath.cos(angleRad);
        double sin = StrictMath.sin(angleRad);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // inverse map: where in the source does this target pixel come from
                double x = cx + cos * (c - cx) + sin * (r - cy);
                double y = cy - sin * (c - cx) + cos * (r - cy);
                dst[r * cols + c] = bilinear(src, rows, cols, y, x);
            }
        }
    }

    private static double bilinear(double[] src, int rows, int cols, double y, double x) {
        int y0 = (int) StrictMath.floor(y);
        int x0 = (int) StrictMath.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (1 - fy) * ((1 - fx) * at(src, rows, cols, y0, x0) + fx * at(src, rows, cols, y0, x0 + 1))
                + fy * ((1 - fx) * at(src, rows, cols, y0 + 1, x0) + fx * at(src, rows, cols, y0 + 1, x0 + 1));
    }

    private static double at(double[] src, int rows, int cols, int r, int c) {
        return r < 0 || c < 0 || r >= rows || c >= cols ? 0 : src[r * cols + c];
    }

    /** Box-Muller on two uniforms (StrictMath: identical on every JVM). */
    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** SplitMix64 finaliser: decorrelates neighbouring seeds and indices. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void check(boolean ok, String field, String value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("drift." + field + " is out of range (" + value + "), expected " + expected);
        }
    }
}
