package io.deepedge.traces;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream with the byte offset each starts at, so a reader can say where a byte is not UTF-8.
 * A line ends at {@code \n}, {@code \r\n} or a lone {@code \r}, like {@link java.io.BufferedReader#readLine}.
 * A line longer than {@link #MAX_LINE_BYTES} is returned cut there, marked too long, and the rest of the stream is
 * left unread: a file without line breaks ({@code /dev/zero}, a binary file) is no CSV and must not fill the memory.
 */
final class ByteLines implements AutoCloseable {
    /** Far above any trace row (an Azure Functions row of 1440 minutes is about 10 KiB). */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * One line.
     *
     * @param number 1-based line number
     * @param offset byte offset of its first byte in the file
     * @param bytes its bytes, without the line break (valid up to {@code length})
     * @param length how many bytes of {@code bytes} are the line's; at most {@link #MAX_LINE_BYTES}
     * @param tooLong whether the line has more than {@link #MAX_LINE_BYTES} bytes (the rest is not read)
     */
    record Line(int number, long offset, byte[] bytes, int length, boolean tooLong) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long consumed;
    private byte[] line = new byte[256];
    private int lineNumber;
    /** A {@code \r} ended the last line: a {@code \n} right after it belongs to that line break. */
    private boolean afterCarriageReturn;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        long start = consumed;
        int length = 0;
        boolean any = false;
        while (true) {
            int b = read();
            if (b < 0) {
                return any ? line(start, length, false) : null;
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    start = consumed;
                    continue;
                }
            }
            any = true;
            if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                return line(start, length, false);
            }
            if (length == MAX_LINE_BYTES) {
                return line(start, length, true);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(2 * length, MAX_LINE_BYTES));
            }
            line[length++] = (byte) b;
        }
    }

    private Line line(long start, int length, boolean tooLong) {
        return new Line(++lineNumber, start, line, length, tooLong);
    }

    /** Bytes read so far. */
    long consumed() {
        return consumed;
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        consumed++;
        return buffer[position++] & 0xFF;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
