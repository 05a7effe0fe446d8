package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.ShardSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntConsumer;

/**
 * Test double of the DL4J worker: least squares on a shard of (x_1..x_d, y) rows, little-endian floats.
 * Parameters (w_1..w_d, b); loss per sample 0.5 (w.x + b - y)^2; gradient (r x, r) with r = w.x + b - y.
 */
final class LinearRegressionWorker implements GradientWorker {
    static final String FORMAT = "f32-linear-rows";

    private final int features;
    private final float[][] rows;

    LinearRegressionWorker(int features, float[][] rows) {
        this.features = features;
        this.rows = rows;
    }

    /** Loader for {@link #FORMAT}; the model config is the feature count in ASCII. */
    static GradientWorker load(ShardSpec spec, byte[] data) throws InvalidShardException {
        if (!spec.format().equals(FORMAT)) {
            throw new InvalidShardException("format " + spec.format() + ", expected " + FORMAT);
        }
        int d = Integer.parseInt(new String(spec.modelConfig(), java.nio.charset.StandardCharsets.US_ASCII));
        long expected = (long) spec.sampleCount() * (d + 1) * Float.BYTES;
        if (data.length != expected) {
            throw new InvalidShardException(data.length + " bytes, expected " + expected);
        }
        var floats = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[][] rows = new float[spec.sampleCount()][d + 1];
        for (float[] row : rows) {
            floats.get(row);
        }
        return new LinearRegressionWorker(d, rows);
    }

    static byte[] encode(float[][] rows) {
        ByteBuffer buf = ByteBuffer.allocate(rows.length * rows[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    @Override
    public int parameterCount() {
        return features + 1;
    }

    @Override
    public int sampleCount() {
        return rows.length;
    }

    @Override
    public BatchGradient gradient(float[] params, int fromSample, int count) {
        float[] grad = new float[features + 1];
        double loss = 0;
        for (int i = fromSample; i < fromSample + count; i++) {
            float[] row = rows[i];
            double prediction = params[features];
            for (int k = 0; k < features; k++) {
                prediction += params[k] * row[k];
            }
            double residual = prediction - row[features];
            for (int k = 0; k < features; k++) {
                grad[k] += (float) (residual * row[k]);
            }
            grad[features] += (float) residual;
            loss += 0.5 * residual * residual;
        }
        return new BatchGradient(grad, loss);
    }

    /**
     * {@code worker}, giving {@code beforeEach} every gradient's sample count before computing it (to block, slow or
     * fail it).
     */
    static GradientWorker before(GradientWorker worker, IntConsumer beforeEach) {
        return new GradientWorker() {
            @Override
            public int parameterCount() {
                return worker.parameterCount();
            }

            @Override
            public int sampleCount() {
                return worker.sampleCount();
            }

            @Override
            public BatchGradient gradient(float[] params, int fromSample, int count) {
                beforeEach.accept(count);
                return worker.gradient(params, fromSample, count);
            }
        };
    }
}
