package io.deepedge.hw.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bulk copies give ND4J's C-order values, element by element, for whole arrays, other orders and views. */
class FloatArraysTest {
    @BeforeAll
    static void nd4j() {
        Nd4jSetup.configure();
    }

    /** 3 x 4 with element (r, c) = 10 r + c + 0.5, set one element at a time (independent of any bulk path). */
    private static INDArray matrix(char order) {
        INDArray m = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, order);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                m.putScalar(r, c, 10 * r + c + 0.5);
            }
        }
        return m;
    }

    private static final float[] C_ORDER = {0.5f, 1.5f, 2.5f, 3.5f, 10.5f, 11.5f, 12.5f, 13.5f, 20.5f, 21.5f, 22.5f, 23.5f};

    @Test
    void copyOutReadsCOrderForWholeArraysFortranOrderAndViews() {
        assertArrayEquals(C_ORDER, FloatArrays.copyOut(matrix('c')));
        assertArrayEquals(C_ORDER, FloatArrays.copyOut(matrix('f')));
        assertArrayEquals(new float[] {1.5f, 11.5f, 21.5f}, FloatArrays.copyOut(matrix('c').getColumn(1)));
        assertArrayEquals(new float[] {10.5f, 11.5f, 12.5f, 13.5f}, FloatArrays.copyOut(
                matrix('c').get(NDArrayIndex.point(1), NDArrayIndex.all())));
    }

    @Test
    void copyInWritesCOrderAndLeavesTheRestOfAViewsBufferAlone() {
        for (char order : new char[] {'c', 'f'}) {
            INDArray m = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, order);
            FloatArrays.copyIn(C_ORDER, m);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(10 * r + c + 0.5, m.getDouble(r, c), 0, order + " (" + r + ", " + c + ")");
                }
            }
        }
        INDArray m = matrix('c');
        FloatArrays.copyIn(new float[] {-1, -2, -3, -4}, m.get(NDArrayIndex.point(1), NDArrayIndex.all()));
        float[] expected = {0.5f, 1.5f, 2.5f, 3.5f, -1, -2, -3, -4, 20.5f, 21.5f, 22.5f, 23.5f};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], m.getFloat(i / 4, i % 4), 0, "element " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> FloatArrays.copyIn(new float[3], matrix('c')));
    }
}
