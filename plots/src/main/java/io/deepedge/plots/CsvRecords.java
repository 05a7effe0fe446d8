package io.deepedge.plots;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        // Checked through a small buffer, then decoded at once: a large file is not held as chars twice.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chunk = CharBuffer.allocate(1 << 16);
        CoderResult result;
        do {
            chunk.clear();
            result = decoder.decode(in, chunk, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            result = decoder.flush(chunk.clear());
        }
        if (result.isError()) {
            int offset = in.position();
            throw new NotUtf8(offset, bytes[offset] & 0xff, new String(bytes, 0, offset, StandardCharsets.UTF_8));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
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
        /** Distinct values shared per cell position; past this the column holds measurements, each its own. */
        private static final int MAX_SHARED_VALUES = 1024;

        private final String text;
        /**
         * Per cell position, one String per distinct value while there are few (names, flags, small counts):
         * a large services.csv then holds each repeated value once instead of once per row.
         */
        private final List<Map<String, String>> shared = new ArrayList<>();
        private final List<Record> records = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private int at;
        private int line = 1;

        Parser(String text) {
            this.text = text;
        }

        void run() {
            int width = 8;
            while (at < text.length()) {
                int start = line;
                List<String> cells = new ArrayList<>(width);
                boolean complete;
                do {
                    complete = cell(cells);
                } while (complete && separator());
                if (!complete) {
                    return;
                }
                width = cells.size();
                records.add(new Record(start, Collections.unmodifiableList(cells)));
            }
        }

        /** Reads one cell into {@code cells}; false when the file ends inside a quoted cell. */
        private boolean cell(List<String> cells) {
            if (at < text.length() && text.charAt(at) == '"') {
                return quotedCell(cells);
            }
            // A quote inside a cell that does not start with one is kept as text, as common readers do.
            int start = at;
            skipToCellEnd();
            cells.add(shared(cells.size(), text.substring(start, at)));
            return true;
        }

        private boolean quotedCell(List<String> cells) {
            StringBuilder cell = new StringBuilder();
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
            cells.add(cell.toString());
            return true;
        }

        /** {@code value}, or the equal String already read at this cell position. */
        private String shared(int position, String value) {
            while (shared.size() <= position) {
                shared.add(new HashMap<>());
            }
            Map<String, String> values = shared.get(position);
            if (values == null) {
                return value;
            }
            String known = values.putIfAbsent(value, value);
            if (known == null && values.size() > MAX_SHARED_VALUES) {
                shared.set(position, null);
            }
            return known == null ? value : known;
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
