package io.deepedge.hw.device;

import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.CalibrationService;
import io.deepedge.hw.inference.InferenceService;
import io.deepedge.hw.train.Batches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** What one LC service instance computes for a request; called by its one FCFS worker thread only. */
interface ServedModel {
    /** Checks a request's input before it is queued; IllegalArgumentException naming what was expected. */
    void check(byte[] input);

    /** The reply's output for request {@code requestId} with {@code input}. */
    byte[] answer(long requestId, byte[] input);

    String describe();

    /**
     * A DL4J image classifier on its own copy of the network: the input is one image's pixel bytes, or empty for
     * the service's own image {@code requestId mod n}; the output is the class probabilities as little-endian
     * 32-bit floats.
     */
    final class Classifier implements ServedModel {
        private final InferenceService service;
        private final LabelledImages ownImages;

        Classifier(InferenceService service, LabelledImages ownImages) {
            this.service = service;
            this.ownImages = ownImages;
        }

        @Override
        public void check(byte[] input) {
            if (input.length != 0 && input.length != ownImages.pixelsPerImage()) {
                throw new IllegalArgumentException("input: " + input.length + " bytes, expected "
                        + ownImages.pixelsPerImage() + " (one image of " + ownImages.rows() + "x" + ownImages.cols()
                        + " unsigned pixels) or none");
            }
        }

        @Override
        public byte[] answer(long requestId, byte[] input) {
            INDArray image = input.length == 0
                    ? Batches.image(ownImages, (int) Long.remainderUnsigned(requestId, ownImages.count()))
                    : pixels(input);
            return encode(service.probabilities(image));
        }

        @Override
        public String describe() {
            return service.describe();
        }

        private static INDArray pixels(byte[] input) {
            float[] f = new float[input.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = Byte.toUnsignedInt(input[i]) / 255f;
            }
            return Nd4j.create(f, new long[] {1, f.length}, DataType.FLOAT);
        }

        static byte[] encode(float[] probabilities) {
            ByteBuffer b = ByteBuffer.allocate(4 * probabilities.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float p : probabilities) {
                b.putFloat(p);
            }
            return b.array();
        }
    }

    /** CALIBRATION ONLY: a busy-spin of known duration ({@link CalibrationService}); any input, empty output. */
    final class Spin implements ServedModel {
        private final CalibrationService spin;

        Spin(double serviceMs) {
            this.spin = new CalibrationService(serviceMs);
        }

        @Override
        public void check(byte[] input) {
        }

        @Override
        public byte[] answer(long requestId, byte[] input) {
            spin.serve(requestId);
            return new byte[0];
        }

        @Override
        public String describe() {
            return spin.describe();
        }
    }
}
