package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader reads back what {@link CsvText} writes, cell for cell, and names the line each record starts on. */
class CsvRecordsTest {
    @Test
    void readsBackWhatCsvTextWritesWithTheLineEachRecordStartsOn() {
        List<List<String>> rows = List.of(
                List.of("policy", "rejected", "note"),
                List.of("a", "x=slo:p99 260 ms > 200 ms; y=unavailable", "two\nlines"),
                List.of("b", "say \"hi\", twice", ""),
                List.of("", "", "ünïcode"));
        CsvText text = new CsvText();
        rows.forEach(text::row);

        CsvRecords read = CsvRecords.parse(text.toString());

        assertEquals(List.of(), read.problems());
        assertEquals(rows, read.records().stream().map(CsvRecords.Record::cells).toList());
        assertEquals(List.of(1, 2, 4, 5), read.records().stream().map(CsvRecords.Record::line).toList(),
                "the quoted line break in row 2 moves the later rows down one line");
    }

    @Test
    void crLfLineEndsAndAByteOrderMarkAreAccepted() throws CsvRecords.NotUtf8 {
        String text = CsvRecords.decode("\uFEFFa,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")),
                CsvRecords.parse(text).records().stream().map(CsvRecords.Record::cells).toList());
    }

    @Test
    void notUtf8NamesTheFirstBadByteAndItsOffset() {
        byte[] bytes = {'a', ',', 'b', '\n', 'c', ',', (byte) 0xC3, '(', '\n'};

        CsvRecords.NotUtf8 e = assertThrows(CsvRecords.NotUtf8.class, () -> CsvRecords.decode(bytes));
        assertEquals(6, e.byteOffset());
        assertEquals(0xC3, e.badByte());
        assertEquals("a,b\nc,", e.before());
    }
}
