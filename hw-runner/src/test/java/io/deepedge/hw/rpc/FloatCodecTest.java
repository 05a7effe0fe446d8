package io.deepedge.hw.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deepedge.hw.rpc.v1.FloatVector;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatCodecTest {
    @Test
    void writesLittleEndianIeeeSingles() {
        // 1.0f is 0x3F800000, -2.0f is 0xC0000000: least significant byte first
        FloatVector v = FloatCodec.encode(new float[] {1f, -2f});
        assertEquals(2, v.getCount());
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0}, v.getDataLe().toByteArray());
    }

    @Test
    void roundTripKeepsEveryBit() throws Exception {
        Random random = new Random(3);
        float[] values = new float[1001];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(random.nextInt());
        }
        values[0] = -0f;
        values[1] = Float.NaN;
        values[2] = Float.NEGATIVE_INFINITY;
        float[] back = FloatCodec.decode(FloatCodec.encode(values), "v", values.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(back[i]), "index " + i);
        }
        assertEquals(0, FloatCodec.decode(FloatCodec.encode(new float[0]), "v", -1).length);
    }

    @Test
    void refusesAByteCountThatIsNotFourTimesTheCount() {
        FloatVector v = FloatCodec.encode(new float[] {1, 2, 3});
        FloatVector cut = v.toBuilder().setDataLe(v.getDataLe().substring(0, 11)).build();
        StatusException e = assertThrows(StatusException.class, () -> FloatCodec.decode(cut, "gradient_sum", -1));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("gradient_sum.data_le: 11 bytes, expected 4 x 3 = 12", e.getStatus().getDescription());
        FloatVector lying = v.toBuilder().setCount(-1).build();
        StatusException huge = assertThrows(StatusException.class, () -> FloatCodec.decode(lying, "p", -1));
        assertEquals("p.data_le: 12 bytes, expected 4 x 4294967295 = 17179869180", huge.getStatus().getDescription());
    }

    @Test
    void refusesAnUnexpectedCount() {
        StatusException e = assertThrows(StatusException.class,
                () -> FloatCodec.decode(FloatCodec.encode(new float[] {1, 2}), "params", 3));
        assertEquals("params.count: 2, expected 3", e.getStatus().getDescription());
    }
}
