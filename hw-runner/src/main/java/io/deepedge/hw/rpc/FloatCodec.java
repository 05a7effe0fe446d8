package io.deepedge.hw.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.deepedge.hw.rpc.v1.FloatVector;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float[] to and from {@link FloatVector}: IEEE-754 singles, little-endian, with the count checked on decode. */
public final class FloatCodec {
    private FloatCodec() {
    }

    public static FloatVector encode(float[] values) {
        byte[] bytes = new byte[Math.multiplyExact(values.length, Float.BYTES)];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        // the array is never touched again, so wrapping it instead of copying is safe
        ByteString data = UnsafeByteOperations.unsafeWrap(bytes);
        return FloatVector.newBuilder().setCount(values.length).setDataLe(data).build();
    }

    /**
     * The floats of {@code vector}, named {@code field} in the error. INVALID_ARGUMENT when the byte length is
     * not exactly 4 x count or the count differs from {@code expectedCount} (negative: any count).
     */
    public static float[] decode(FloatVector vector, String field, int expectedCount) throws StatusException {
        long count = Integer.toUnsignedLong(vector.getCount());
        if (expectedCount >= 0 && count != expectedCount) {
            throw invalid(field + ".count: " + count + ", expected " + expectedCount);
        }
        long expectedBytes = count * Float.BYTES;
        if (vector.getDataLe().size() != expectedBytes) {
            throw invalid(field + ".data_le: " + vector.getDataLe().size() + " bytes, expected 4 x " + count
                    + " = " + expectedBytes);
        }
        float[] values = new float[(int) count];
        vector.getDataLe().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static StatusException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asException();
    }
}
