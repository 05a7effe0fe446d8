package io.deepedge.hw.train;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Architectures by name, as they travel to agents: a shard header's {@code model_config} (UTF-8) and an LC
 * service's {@code model_id} name a {@link NetworkSpec} by its {@link NetworkSpec#describe()} text, e.g.
 * {@code cnn(conv5x5:20,pool2,conv5x5:50,pool2,dense:500)} or {@code mlp(dense:100)}, or by a short alias:
 * {@code lenet} (= {@link NetworkSpec.Cnn#LENET}) or {@code mlp} (= {@code mlp(dense:100)}).
 *
 * <p>Only these two families are accepted, never a DL4J configuration (JSON that deserialises arbitrary
 * classes), and their sizes are bounded: a caller holding the token still cannot make an agent build a network
 * larger than {@link #MAX_PARAMETERS}.
 */
public final class NetworkSpecs {
    /** 50 M floats (200 MB): far beyond the edge models here, well below an agent's heap. */
    public static final long MAX_PARAMETERS = 50_000_000;
    static final int MAX_FILTERS = 1024;
    static final int MAX_UNITS = 65_536;
    private static final Pattern CNN = Pattern.compile("cnn\\(conv5x5:(\\d{1,9}),pool2,conv5x5:(\\d{1,9}),pool2,dense:(\\d{1,9})\\)");
    private static final Pattern MLP = Pattern.compile("mlp\\(dense:(\\d{1,9})\\)");
    private static final String EXPECTED = "lenet, mlp, cnn(conv5x5:F1,pool2,conv5x5:F2,pool2,dense:D) or mlp(dense:H)";

    private NetworkSpecs() {
    }

    /** The architecture {@code text} names; IllegalArgumentException saying what was expected otherwise. */
    public static NetworkSpec parse(String text) {
        String t = text.trim();
        if (t.equals("lenet")) {
            return NetworkSpec.Cnn.LENET;
        }
        if (t.equals("mlp")) {
            return new NetworkSpec.Mlp(100);
        }
        Matcher cnn = CNN.matcher(t);
        if (cnn.matches()) {
            return new NetworkSpec.Cnn(bounded(cnn.group(1), MAX_FILTERS, "conv1 filters"),
                    bounded(cnn.group(2), MAX_FILTERS, "conv2 filters"), bounded(cnn.group(3), MAX_UNITS, "dense units"));
        }
        Matcher mlp = MLP.matcher(t);
        if (mlp.matches()) {
            return new NetworkSpec.Mlp(bounded(mlp.group(1), MAX_UNITS, "hidden units"));
        }
        throw new IllegalArgumentException("unknown architecture (" + shorten(t) + "), expected " + EXPECTED);
    }

    /** {@link #parse} of UTF-8 bytes (a shard header's {@code model_config}). */
    public static NetworkSpec parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** What a shard header's {@code model_config} holds for {@code spec}. */
    public static byte[] configBytes(NetworkSpec spec) {
        return spec.describe().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The parameter count of {@code spec} on {@code rows x cols} images of {@code classes} classes, computed from
     * the layer shapes without building anything; IllegalArgumentException when the images are too small for the
     * architecture or the count exceeds {@link #MAX_PARAMETERS}.
     */
    public static long parameterCount(NetworkSpec spec, int rows, int cols, int classes) {
        long count;
        if (spec instanceof NetworkSpec.Cnn c) {
            // conv 5x5 (no padding) shrinks a side by 4, each 2x2 max-pool halves it (rounding down): 16 -> 1
            if (rows < 16 || cols < 16) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s needs images of at least 16x16 pixels (got %dx%d)", spec.describe(), rows, cols));
            }
            long r = ((rows - 4) / 2 - 4) / 2;
            long k = ((cols - 4) / 2 - 4) / 2;
            count = 25L * c.conv1Filters() + c.conv1Filters()
                    + 25L * c.conv1Filters() * c.conv2Filters() + c.conv2Filters()
                    + r * k * c.conv2Filters() * c.denseUnits() + c.denseUnits()
                    + (long) c.denseUnits() * classes + classes;
        } else {
            NetworkSpec.Mlp m = (NetworkSpec.Mlp) spec;
            count = (long) rows * cols * m.hiddenUnits() + m.hiddenUnits() + (long) m.hiddenUnits() * classes + classes;
        }
        if (count > MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s on %dx%d images has %d parameters, "
                    + "expected at most %d", spec.describe(), rows, cols, count, MAX_PARAMETERS));
        }
        return count;
    }

    private static int bounded(String digits, int max, String what) {
        long v = Long.parseLong(digits);
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(what + " " + v + ", expected 1 .. " + max);
        }
        return (int) v;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
