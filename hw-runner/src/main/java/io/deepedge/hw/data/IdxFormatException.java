package io.deepedge.hw.data;

import java.io.IOException;

/**
 * An IDX file that cannot be read as the data set it should hold: the message names the file, the byte offset
 * (in the decompressed stream for {@code .gz} files) and what was expected there.
 */
public final class IdxFormatException extends IOException {
    private final String file;
    private final long offset;

    public IdxFormatException(String file, long offset, String problem) {
        super(file + ": offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The file (or classpath resource) named in the message. */
    public String file() {
        return file;
    }

    /** Byte offset of the problem, counted in the decompressed data. */
    public long offset() {
        return offset;
    }
}
