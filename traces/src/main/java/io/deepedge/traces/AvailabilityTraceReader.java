package io.deepedge.traces;

import io.deepedge.models.Failure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Reads a device availability trace: header {@code device,down_at_sec,up_at_sec}, then one row per outage. The
 * device goes down at {@code down_at_sec} (>= 0) and is back at {@code up_at_sec} (> down_at_sec); an empty
 * {@code up_at_sec} means it never returns. Outages of one device must not overlap.
 */
public final class AvailabilityTraceReader {
    /** The header, exactly. */
    public static final List<String> COLUMNS = List.of("device", "down_at_sec", "up_at_sec");

    /**
     * One outage with the line it was read from, so a caller can report a problem it finds (e.g. an unknown
     * device) at that line.
     *
     * @param line 1-based line in the file
     * @param failure the outage
     */
    public record Entry(int line, Failure failure) {
    }

    private final CsvSource csv;
    private final Predicate<String> knownDevice;
    private final String knownDevices;
    private final List<Entry> entries = new ArrayList<>();
    /** Each device's latest outage so far, to find overlaps. */
    private final Map<String, Entry> lastByDevice = new HashMap<>();

    private AvailabilityTraceReader(CsvSource csv, Predicate<String> knownDevice, String knownDevices) {
        this.csv = csv;
        this.knownDevice = knownDevice;
        this.knownDevices = knownDevices;
    }

    /** The outages of {@code file} in file order, or every problem found; any device name is accepted. */
    public static List<Entry> read(Path file) throws TraceException {
        return read(file, device -> true, "a device name of the config");
    }

    /**
     * The outages of {@code file} in file order, or every problem found, in line order: a device that
     * {@code knownDevice} rejects is one of them, reported with malformed lines and overlaps in the same pass.
     *
     * @param knownDevices what a valid device name is, for the message, e.g. {@code one of nano-1, nano-2}
     */
    public static List<Entry> read(Path file, Predicate<String> knownDevice, String knownDevices)
            throws TraceException {
        try (CsvSource csv = CsvSource.open(file)) {
            return new AvailabilityTraceReader(csv, knownDevice, knownDevices).read();
        }
    }

    /** The outages of {@code file} as failures, by time then device. */
    public static List<Failure> failures(Path file) throws TraceException {
        return read(file).stream().map(Entry::failure)
                .sorted(Comparator.comparingDouble(Failure::atSec).thenComparing(Failure::device)).toList();
    }

    private List<Entry> read() throws TraceException {
        CsvSource.Row header = csv.next();
        if (header == null && csv.hasProblems()) {
            throw csv.failure();
        }
        if (header == null || !List.of(header.fields()).equals(COLUMNS)) {
            csv.problem(header == null ? 1 : header.line(), header == null ? 0 : 1, "not an availability trace header",
                    header == null ? "empty file" : String.join(",", header.fields()), String.join(",", COLUMNS));
            throw csv.failure();
        }
        for (CsvSource.Row row = csv.next(); row != null; row = csv.next()) {
            if (csv.hasColumns(row, COLUMNS.size())) {
                readRow(row);
            }
        }
        csv.finish();
        return List.copyOf(entries);
    }

    private void readRow(CsvSource.Row row) {
        String device = row.field(1);
        boolean known = !device.isEmpty() && knownDevice.test(device);
        if (device.isEmpty()) {
            csv.problem(row.line(), 1, "device name is empty", "\"\"", knownDevices);
        } else if (!known) {
            csv.problem(row.line(), 1, "unknown device", device, knownDevices);
        }
        OptionalDouble down = time(row, 2, Double.NEGATIVE_INFINITY);
        OptionalDouble up = row.field(3).isEmpty() ? OptionalDouble.of(Double.POSITIVE_INFINITY)
                : time(row, 3, down.orElse(Double.NEGATIVE_INFINITY));
        if (!known || down.isEmpty() || up.isEmpty()) {
            return;
        }
        Entry previous = lastByDevice.get(device);
        if (previous != null && down.getAsDouble() < previous.failure().atSec() + previous.failure().downSec()) {
            csv.problem(row.line(), 2, "overlaps the outage of " + device + " on line " + previous.line(),
                    row.field(2), "a time at or after that outage ends (outages of a device in time order)");
            return;
        }
        Entry entry = new Entry(row.line(), new Failure(device, down.getAsDouble(), up.getAsDouble() - down.getAsDouble()));
        entries.add(entry);
        lastByDevice.put(device, entry);
    }

    /** A time >= 0; the up time must also be after {@code after} (the down time). */
    private OptionalDouble time(CsvSource.Row row, int column, double after) {
        String name = COLUMNS.get(column - 1);
        OptionalDouble t = Numbers.decimal(row.field(column));
        String wrong = t.isEmpty() ? name + " is not a number" : t.getAsDouble() < 0 ? name + " is negative"
                : t.getAsDouble() <= after ? name + " is not after down_at_sec = " + Numbers.format(after) : null;
        if (wrong != null) {
            String expected = column == 2 ? "seconds from the start of the run, a decimal number >= 0"
                    : "a time > down_at_sec, or empty when the device never returns";
            csv.problem(row.line(), column, wrong, row.field(column), expected);
            return OptionalDouble.empty();
        }
        return t;
    }
}
