package io.deepedge.hw.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX files round-trip, plain and gzip; every defect is reported with the file and the byte offset. */
class IdxReaderTest {
    @TempDir
    Path dir;

    private static LabelledImages threeImages() {
        byte[] px = new byte[3 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 20);
        }
        return new LabelledImages("t", 2, 2, 10, px, new byte[] {3, 0, 9});
    }

    @Test
    void writtenImagesReadBackIdenticallyPlainAndGzipped() throws IOException {
        for (String suffix : new String[] {"", ".gz"}) {
            Path img = dir.resolve("img" + suffix);
            Path lab = dir.resolve("lab" + suffix);
            IdxWriter.write(threeImages(), img, lab);
            LabelledImages back = IdxReader.read(img, lab, 10, "t");
            assertEquals(threeImages(), back);
            if (suffix.isEmpty()) {
                assertEquals(16 + 12, Files.size(img), "header of 4 ints, then 12 pixels");
            }
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void wrongMagicNumberNamesFileOffsetAndExpectedValue() throws IOException {
        Path img = write("img", header(0x801, 3));
        Path lab = write("lab", header(0x801, 3), new byte[3]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(img.toString(), e.file());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith(img + ": offset 0: bad magic number 0x00000801, expected 0x00000803"),
                e.getMessage());
    }

    @Test
    void truncatedImageDataNamesTheOffsetWhereTheFileEnds() throws IOException {
        Path img = write("img", header(0x803, 3, 2, 2), new byte[10]);
        Path lab = write("lab", header(0x801, 3), new byte[3]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(16 + 10, e.offset());
        assertTrue(e.getMessage().contains("2 bytes short of 3 x 2 x 2"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path img = write("img", new byte[] {0, 0, 8, 3, 0, 0});
        Path lab = write("lab", header(0x801, 3), new byte[3]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(6, e.offset());
        assertTrue(e.getMessage().contains("dimension 0"), e.getMessage());
    }

    @Test
    void cutGzipStreamIsReportedAsCorruptOrTruncated() throws IOException {
        Path img = dir.resolve("img.gz");
        Path lab = dir.resolve("lab.gz");
        IdxWriter.write(threeImages(), img, lab);
        byte[] gz = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(gz, gz.length - 12));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(img.toString(), e.file());
        assertTrue(e.getMessage().contains("gzip") || e.getMessage().contains("ends here"), e.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        Path img = write("img", header(0x803, 1, 2, 2), new byte[5]);
        Path lab = write("lab", header(0x801, 1), new byte[1]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(16 + 4, e.offset());
    }

    @Test
    void labelCountDifferentFromImageCountNamesBothFiles() throws IOException {
        Path img = write("img", header(0x803, 3, 2, 2), new byte[12]);
        Path lab = write("lab", header(0x801, 2), new byte[2]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(lab.toString(), e.file());
        assertTrue(e.getMessage().contains("holds 2 labels but " + img + " holds 3 images"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassesNamesItsOffset() throws IOException {
        Path img = write("img", header(0x803, 3, 2, 2), new byte[12]);
        Path lab = write("lab", header(0x801, 3), new byte[] {1, 2, 10});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(8 + 2, e.offset());
        assertTrue(e.getMessage().contains("label 10 of item 2"), e.getMessage());
    }

    @Test
    void zeroDimensionIsRejected() throws IOException {
        Path img = write("img", header(0x803, 0, 2, 2));
        Path lab = write("lab", header(0x801, 0));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(img, lab, 10, "t"));
        assertEquals(4, e.offset());
    }

    private static byte[] header(int magic, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        Path file = dir.resolve(name);
        Files.write(file, all.toByteArray());
        return file;
    }
}
