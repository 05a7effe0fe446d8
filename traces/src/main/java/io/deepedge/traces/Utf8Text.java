package io.deepedge.traces;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict UTF-8 decoding that says where it fails: which byte, at which byte offset, on which line. The trace
 * readers decode line by line with it, and the config loader decodes a whole YAML file with it, so both name
 * the byte a user has to fix instead of Java's bare "Input length = 1".
 */
public final class Utf8Text {
    /** The byte-order mark some editors write at the start of a UTF-8 file; it is not part of the text. */
    static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * A byte that does not belong to a valid UTF-8 sequence.
     *
     * @param line 1-based line of the file it is on
     * @param byteOffset 0-based offset of the byte in the file
     * @param value the byte, 0 to 255
     */
    public record BadByte(int line, long byteOffset, int value) {
        /** {@code byte 0xC3 at byte offset 1234}: the value part of a problem line. */
        public String describe() {
            return String.format("byte 0x%02X at byte offset %d", value, byteOffset);
        }
    }

    /**
     * A whole decoded text.
     *
     * @param text the text, a leading byte-order mark removed; bad bytes replaced by U+FFFD
     * @param badBytes the first bad byte of each line that has one, in file order; empty for valid UTF-8
     */
    public record Decoded(String text, List<BadByte> badBytes) {
        public Decoded {
            badBytes = List.copyOf(badBytes);
        }
    }

    private Utf8Text() {
    }

    /** Decodes a whole file's bytes, finding the first bad byte of every line. */
    public static Decoded decode(byte[] bytes) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1); // UTF-8 never decodes to more chars than bytes
        List<BadByte> bad = new ArrayList<>();
        int line = 1;
        int counted = 0;
        int lastBadLine = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                break;
            }
            int at = in.position();
            for (; counted < at; counted++) {
                line += bytes[counted] == '\n' ? 1 : 0; // '\n' is never part of a multi-byte sequence
            }
            if (line != lastBadLine) {
                bad.add(new BadByte(line, at, bytes[at] & 0xFF));
                lastBadLine = line;
            }
            out.put('\uFFFD');
            in.position(at + result.length());
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return new Decoded(text.startsWith(String.valueOf(BYTE_ORDER_MARK)) ? text.substring(1) : text, bad);
    }

    /**
     * The index in {@code bytes[0, length)} of the first byte that is not valid UTF-8, or -1 when all are.
     * {@code out} receives the text and must hold at least {@code length} chars.
     */
    static int decodeLine(CharsetDecoder decoder, byte[] bytes, int length, CharBuffer out) {
        decoder.reset();
        out.clear();
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        decoder.flush(out);
        out.flip();
        return -1;
    }

    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
