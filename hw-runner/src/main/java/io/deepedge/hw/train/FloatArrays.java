package io.deepedge.hw.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * Copies between {@code float[]} and float arrays of ND4J through the array's own native buffer. ND4J's
 * {@code toFloatVector} and {@code createFromArray} cost 1-3 ms for LeNet's 431,080 parameters on this machine,
 * a bulk copy 0.1 ms, and a round pays for several of them at the parameter server and at every agent (README,
 * "Measured: a synchronisation round"). The bulk path is taken only where it is exact: the CPU backend (host memory
 * is the array's memory) and an array that owns its whole buffer in C order; otherwise ND4J's own copies.
 */
public final class FloatArrays {
    private static final boolean CPU_BACKEND = Nd4j.getBackend().getClass().getName().contains(".cpu.");

    private FloatArrays() {
    }

    /** The values of {@code array} in C order (as {@code toFloatVector}). */
    public static float[] copyOut(INDArray array) {
        if (!bulk(array)) {
            return Nd4j.toFlattened('c', array).toFloatVector();
        }
        float[] values = new float[(int) array.length()];
        buffer(array).get(values);
        return values;
    }

    /** Sets {@code array}, in C order, to {@code values} (as {@code assign} of an array of them). */
    public static void copyIn(float[] values, INDArray array) {
        if (values.length != array.length()) {
            throw new IllegalArgumentException(values.length + " values for an array of " + array.length());
        }
        if (!bulk(array)) {
            array.assign(Nd4j.createFromArray(values).reshape('c', array.shape()));
            return;
        }
        buffer(array).put(values);
    }

    private static FloatBuffer buffer(INDArray array) {
        return array.data().asNioFloat();
    }

    private static boolean bulk(INDArray array) {
        return CPU_BACKEND && array.dataType() == DataType.FLOAT && array.offset() == 0 && array.ordering() == 'c'
                && array.length() == array.data().length() && array.length() <= Integer.MAX_VALUE;
    }
}
