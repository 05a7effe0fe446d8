package io.deepedge.hw.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@link LabelledImages} as an IDX image file and an IDX label file, gzip-compressed when the name ends in
 * {@code .gz}. Each file is written to a temporary sibling and renamed into place, so an interrupted write leaves
 * no half-written file. Java's gzip header carries no time stamp: the same images give the same bytes.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    public static void write(LabelledImages set, Path images, Path labels) throws IOException {
        writeArray(images, new int[] {set.count(), set.rows(), set.cols()}, set.pixelBytes());
        writeArray(labels, new int[] {set.count()}, set.labelBytes());
    }

    static void writeArray(Path file, int[] dims, byte[] data) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 OutputStream body = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 DataOutputStream out = new DataOutputStream(body)) {
                out.writeInt((IdxReader.UNSIGNED_BYTE << 8) | dims.length);
                for (int d : dims) {
                    out.writeInt(d);
                }
                out.write(data);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
