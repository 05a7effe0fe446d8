package io.deepedge.plots;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The result files' CSV dialect read strictly: RFC 4180 as {@link CsvText} writes it (comma separator, cells
 * quoted with {@code "} when they hold a comma, quote or line break, {@code ""} for a quote inside), {@code \n}
 * or {@code \r\n} line ends, UTF-8. Each record keeps the line it starts on, so problems name real lines even
 * when a quoted cell spans several.
 *
 * @param records every record read, the header first
 * @param problems syntax problems; reading stops at an unterminated quoted cell
 */
record CsvRecords(List<Record> records, List<Problem> problems) {
    /**
     * One record.
     *
     * @param line 1-based line it starts on
     * @param cells its cells, unquoted
     */
    record Record(int line, List<String> cells) {
    }

    /**
     * A problem at a cell.
     *
     * @param line 1-based line
     * @param cell 0-based cell index in its record
     * @param what what is wrong
     * @param value the offending text
     * @param expected what would be valid
     */
    record Problem(int line, int cell, String what, String value, String expected) {
    }

    /** Bytes that are not UTF-8: where the first bad byte is, and the (valid) text before it. */
    static final class NotUtf8 extends Exception {
        private final long byteOffset;
        private final int badByte;
        private final String before;

        NotUtf8(long byteOffset, int badByte, String before) {
            super("byte 0x" + String.format("%02X", badByte) + " at byte offset " + byteOffset, null, false, false);
            this.byteOffset = byteOffset;
            this.badByte = badByte;
            this.before = before;
        }

        long byteOffset() {
            return byteOffset;
        }

        int badByte() {
            return badByte;
        }

        String before() {
            return before;
        }
    }

    /** The text of {@code bytes} (a leading byte-order mark dropped), decoded strictly. */
    static String decode(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new NotUtf8(offset, bytes[offset] & 0xff, new String(bytes, 0, offset, StandardCharsets.UTF_8));
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Every record of {@code text}. */
    static CsvRecords parse(String text) {
        Parser parser = new Parser(text);
        parser.run();
        return new CsvRecords(List.copyOf(parser.records), List.copyOf(parser.problems));
    }

    /**
     * Where the end of {@code text} falls: {@code {line, cell}}, the 1-based line and the 0-based index of the
     * cell it is in (quoted separators and line breaks do not count).
     */
    static int[] positionAtEnd(String text) {
        int line = 1;
        int cell = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n') {
                line++;
                cell = quoted ? cell : 0;
            } else if (c == ',' && !quoted) {
                cell++;
            }
        }
        return new int[] {line, cell};
    }

    private static final class Parser {
        private final String text;
        private final List<Record> records = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private int at;
        private int line = 1;

        Parser(String text) {
            this.text = text;
        }

        void run() {
            while (at < text.length()) {
                int start = line;
                List<String> cells = new ArrayList<>();
                boolean complete;
                do {
                    complete = cell(cells);
                } while (complete && separator());
                if (!complete) {
                    return;
                }
                records.add(new Record(start, List.copyOf(cells)));
            }
        }

        /** Reads one cell into {@code cells}; false when the file ends inside a quoted cell. */
        private boolean cell(List<String> cells) {
            StringBuilder cell = new StringBuilder();
            if (at < text.length() && text.charAt(at) == '"') {
                int opened = line;
                at++;
                while (true) {
                    if (at >= text.length()) {
                        problems.add(new Problem(opened, cells.size(), "quoted cell not closed before the end of the file",
                                cell.toString(), "a closing \" after the cell's text"));
                        return false;
                    }
                    char c = text.charAt(at++);
                    if (c == '"' && at < text.length() && text.charAt(at) == '"') {
                        cell.append('"');
                        at++;
                    } else if (c == '"') {
                        break;
                    } else {
                        line += c == '\n' ? 1 : 0;
                        cell.append(c);
                    }
                }
                if (!atCellEnd()) {
                    problems.add(new Problem(line, cells.size(), "text after the closing quote of a cell",
                            cell + "\"" + rest(), "a comma or the end of the line right after the closing quote"));
                    skipToCellEnd();
                }
            } else {
                // A quote inside a cell that does not start with one is kept as text, as common readers do.
                while (!atCellEnd()) {
                    cell.append(text.charAt(at++));
                }
            }
            cells.add(cell.toString());
            return true;
        }

        /** Consumes a comma (true: another cell follows) or a line end / the end of the file (false). */
        private boolean separator() {
            if (at >= text.length()) {
                return false;
            }
            char c = text.charAt(at);
            at += c == '\r' ? 2 : 1;
            if (c == ',') {
                return true;
            }
            line++;
            return false;
        }

        private boolean atCellEnd() {
            if (at >= text.length()) {
                return true;
            }
            char c = text.charAt(at);
            return c == ',' || c == '\n' || c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n';
        }

        private void skipToCellEnd() {
            while (!atCellEnd()) {
                at++;
            }
        }

        /** The rest of the current cell, for a message. */
        private String rest() {
            int end = at;
            while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\n') {
                end++;
            }
            return text.substring(at, end);
        }
    }
}
