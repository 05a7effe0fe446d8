package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.traces.FunctionRow;
import io.deepedge.traces.FunctionSelection;
import io.deepedge.traces.FunctionsTraceReader;
import io.deepedge.traces.RequestTrace;
import io.deepedge.traces.RequestTraceReader;
import io.deepedge.traces.TraceException;
import io.deepedge.traces.TraceProblem;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads {@code arrivals: { trace: FILE }} or {@code arrivals: { trace: {file, format, row, function, rateScale,
 * loop} }}: a per-request trace replayed exactly ({@code requests}), or a row of an Azure Functions count file
 * replayed as a per-minute Poisson rate ({@code functions}). Problems inside the file are reported at its own
 * {@code FILE:LINE:COLUMN} and at the config line that names it.
 */
final class TraceArrivals {
    static final List<String> KEYS = List.of("file", "format", "row", "function", "rateScale", "loop");
    static final String REQUESTS = "requests";
    static final String FUNCTIONS = "functions";
    static final List<String> FORMATS = List.of(REQUESTS, FUNCTIONS);
    static final String EXPECTED = "a trace file path, or a mapping with file and optional " + String.join(", ",
            KEYS.subList(1, KEYS.size()));

    /** The trace block as written and checked; {@code fileAt} is the node that names the file. */
    private record Spec(String file, Node fileAt, String filePath, String format, Optional<FunctionSelection> selection,
                        double rateScale, boolean loop, Node loopAt, String loopPath) {
    }

    private final TraceFiles traces;
    private final OptionalDouble horizonSec;
    private final Problems problems;

    private TraceArrivals(TraceFiles traces, OptionalDouble horizonSec, Problems problems) {
        this.traces = traces;
        this.horizonSec = horizonSec;
        this.problems = problems;
    }

    /** The arrivals of {@code arrivals.trace}, or empty when it has problems (all recorded). */
    static Optional<Arrivals> read(YamlMap arrivals, TraceFiles traces, OptionalDouble horizonSec, Problems problems) {
        TraceArrivals reader = new TraceArrivals(traces, horizonSec, problems);
        return reader.spec(arrivals).flatMap(reader::arrivals);
    }

    private Optional<Spec> spec(YamlMap arrivals) {
        Node node = arrivals.get("trace").orElseThrow();
        String path = arrivals.path("trace");
        if (node instanceof ScalarNode) {
            return YamlNodes.text(node, path, EXPECTED, problems)
                    .map(file -> new Spec(file, node, path, REQUESTS, Optional.empty(), 1, false, node, path));
        }
        Optional<YamlMap> block = YamlMap.of(node, path, EXPECTED, problems);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = block.get();
        m.allowOnly(KEYS);
        Optional<String> file = m.require("file", "a trace file path").flatMap(n -> YamlNodes.text(n, m.path("file"),
                "a trace file path", problems));
        Optional<String> format = format(m);
        Optional<Optional<FunctionSelection>> selection = format.flatMap(f -> selection(m, f));
        OptionalDouble rateScale = m.number("rateScale", Ranges.RATE_SCALE, 1);
        Optional<Boolean> loop = m.bool("loop", false);
        if (file.isEmpty() || selection.isEmpty() || rateScale.isEmpty() || loop.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Spec(file.get(), m.get("file").orElseThrow(), m.path("file"), format.get(),
                selection.get(), rateScale.getAsDouble(), loop.get(), m.get("loop").orElse(m.node()), m.path("loop")));
    }

    private Optional<String> format(YamlMap m) {
        if (!m.has("format")) {
            return Optional.of(REQUESTS);
        }
        Optional<String> format = m.text("format", YamlNodes.oneOf(FORMATS));
        if (format.isPresent() && !FORMATS.contains(format.get())) {
            problems.add(m.get("format").orElseThrow(), m.path("format"), "unknown trace format", format.get(),
                    YamlNodes.oneOf(FORMATS) + " (functions: the Azure Functions per-minute count layout)");
            return Optional.empty();
        }
        return format;
    }

    /** The functions format's row (default 1) or function; neither applies to the requests format. */
    private Optional<Optional<FunctionSelection>> selection(YamlMap m, String format) {
        if (format.equals(REQUESTS)) {
            for (String key : List.of("row", "function")) {
                if (m.has(key)) {
                    problems.add(m.keyNode(key), m.path(key), "applies to the functions format only", key,
                            "format: functions, or no " + key + " (a requests trace has one request per row)");
                    return Optional.empty();
                }
            }
            return Optional.of(Optional.empty());
        }
        if (m.has("row") && m.has("function")) {
            problems.add(m.keyNode("function"), m.path("function"), "has both row and function", "row, function",
                    "one of row (a 1-based data row) and function (a HashFunction value)");
            return Optional.empty();
        }
        if (m.has("function")) {
            return m.text("function", "a HashFunction value of the file").map(FunctionSelection::function).map(Optional::of);
        }
        OptionalLong row = m.integer("row", Ranges.TRACE_ROW, 1);
        return row.isEmpty() ? Optional.empty() : Optional.of(Optional.of(FunctionSelection.row((int) row.getAsLong())));
    }

    private Optional<Arrivals> arrivals(Spec spec) {
        Optional<Path> file = traces.resolve(spec.file());
        if (file.isEmpty()) {
            problems.add(spec.fileAt(), spec.filePath(), "trace file not found", spec.file(), traces.searched());
            return Optional.empty();
        }
        try {
            return spec.format().equals(REQUESTS) ? requests(spec, file.get()) : functions(spec, file.get());
        } catch (TraceException e) {
            for (TraceProblem p : e.problems()) {
                problems.addExternal(spec.fileAt(), spec.filePath(), p);
            }
            return Optional.empty();
        }
    }

    private Optional<Arrivals> requests(Spec spec, Path file) throws TraceException {
        RequestTrace trace = traces.load(file, REQUESTS, RequestTraceReader::read);
        if (spec.loop() && !trace.canLoop()) {
            problems.add(spec.loopAt(), spec.loopPath(), "cannot loop a trace without two requests at different times",
                    trace.count() + " requests over " + YamlNodes.format(trace.spanSec()) + " s", "loop: false");
            return Optional.empty();
        }
        String label = spec.file() + (spec.rateScale() != 1 ? " x" + YamlNodes.format(spec.rateScale()) : "")
                + (spec.loop() ? " looped" : "");
        return problems.build(spec.fileAt(), spec.filePath(), () -> trace.toArrivals(label, spec.rateScale(), spec.loop()));
    }

    /** With {@code loop} the counts repeat until the horizon; without one (invalid, reported) nothing is built. */
    private Optional<Arrivals> functions(Spec spec, Path file) throws TraceException {
        FunctionSelection selection = spec.selection().orElseThrow();
        FunctionRow row = traces.load(file, FUNCTIONS + " " + selection, f -> FunctionsTraceReader.read(f, selection));
        if (spec.loop() && horizonSec.isEmpty()) {
            return Optional.empty();
        }
        double repeatUntil = spec.loop() ? horizonSec.getAsDouble() : 0;
        return problems.build(spec.fileAt(), spec.filePath(), () -> row.toSteps(spec.rateScale(), repeatUntil));
    }
}
