package io.deepedge.hw.coordinator;

import io.deepedge.hw.train.TrainingState;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a job's checkpoint ({@link JobCheckpoint}: parameters, updater state, data position, what the run has
 * done so far) to a file, written under a temporary name, forced to disk and renamed, so a checkpoint on disk is
 * always whole. Format: magic {@code DECK}, version 2, then the fields in {@link #writeBody} order; big-endian.
 */
public final class Checkpoints {
    public static final String FILE = "checkpoint.bin";
    private static final int VERSION = 2;

    private Checkpoints() {
    }

    static Path write(Path dir, JobCheckpoint c) throws IOException {
        Path target = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(o, 1 << 16))) {
            out.writeBytes("DECK");
            out.writeInt(VERSION);
            writeBody(out, c);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The checkpoint in {@code dir}; empty when there is none. */
    static Optional<JobCheckpoint> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream i = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(i, 1 << 16))) {
            byte[] magic = in.readNBytes(4);
            int version = in.readInt();
            if (!"DECK".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII)) || version != VERSION) {
                throw new IOException(file + ": not a version " + VERSION + " checkpoint of this tool");
            }
            return Optional.of(readBody(in));
        }
    }

    private static void writeBody(DataOutputStream out, JobCheckpoint c) throws IOException {
        out.writeLong(c.round());
        out.writeLong(c.samplesDone());
        out.writeBoolean(c.state() != null);
        if (c.state() != null) {
            out.writeInt(c.state().iteration());
            out.writeInt(c.state().epoch());
            writeFloats(out, c.state().params());
            writeFloats(out, c.state().updaterState());
        }
        writeInts(out, c.trainedCounts());
        out.writeInt(c.layout() == null ? -1 : c.layout().size());
        if (c.layout() != null) {
            for (DataLayout.Part p : c.layout()) {
                out.writeUTF(p.device());
                writeInts(out, p.shard());
                out.writeLong(p.segmentSamples());
                out.writeLong(p.segmentIterations());
                out.writeLong(p.segmentStart());
            }
        }
        JobCheckpoint.RunSoFar r = c.run();
        out.writeDouble(r.runSec());
        out.writeDouble(r.jobSec());
        out.writeDouble(r.workLostSec());
        out.writeDouble(r.planTimeMs());
        out.writeInt(r.policyCalls());
        out.writeInt(r.failures());
        out.writeUTF(r.firstPlan());
        out.writeUTF(r.rejected());
        out.writeUTF(r.plan());
    }

    private static JobCheckpoint readBody(DataInputStream in) throws IOException {
        long round = in.readLong();
        long samplesDone = in.readLong();
        TrainingState state = null;
        if (in.readBoolean()) {
            int iteration = in.readInt();
            int epoch = in.readInt();
            state = new TrainingState(readFloats(in), readFloats(in), iteration, epoch);
        }
        int[] counts = readInts(in);
        int parts = in.readInt();
        List<DataLayout.Part> layout = null;
        if (parts >= 0) {
            layout = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                layout.add(new DataLayout.Part(in.readUTF(), readInts(in), in.readLong(), in.readLong(), in.readLong()));
            }
        }
        JobCheckpoint.RunSoFar run = new JobCheckpoint.RunSoFar(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readInt(), in.readInt(), in.readUTF(), in.readUTF(), in.readUTF());
        return new JobCheckpoint(round, samplesDone, state, counts, layout, run);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] v = new int[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
        }
        return v;
    }
}
