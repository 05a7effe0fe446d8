package io.deepedge.hw.coordinator;

import io.deepedge.hw.train.TrainingState;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the parameter server's state (parameters, updater state, iteration, epoch) and the data position to a
 * file, replaced atomically so a checkpoint is always whole. Format: magic {@code DECK}, version 1, iteration,
 * epoch, samples done (long), parameter count, parameters, updater count, updater state; big-endian.
 */
final class Checkpoints {
    static final String FILE = "checkpoint.bin";

    private Checkpoints() {
    }

    static Path write(Path dir, TrainingState state, long samplesDone) throws IOException {
        Path target = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(o, 1 << 16))) {
            out.writeBytes("DECK");
            out.writeInt(1);
            out.writeInt(state.iteration());
            out.writeInt(state.epoch());
            out.writeLong(samplesDone);
            writeFloats(out, state.params());
            writeFloats(out, state.updaterState());
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }
}
