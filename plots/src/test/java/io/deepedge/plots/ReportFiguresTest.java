package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure the report promises is drawn, non-empty, as PNG and SVG, for a simulated, a swept and a testbed
 * result directory (hand-made), and the page links only files that exist beside it.
 */
class ReportFiguresTest {
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private static SloFixture twoPolicies(String mode, String... point) {
        SloFixture f = new SloFixture(mode, point.length == 0 ? new String[0] : new String[] {"rate"});
        for (int r = 0; r < 3; r++) {
            f.run("deep-edge", r, 1000.0 + 10 * r, 0.01, 90, 0, point)
                    .service("deep-edge", r, "speech", "tx2", 250, 150 + r, point)
                    .service("deep-edge", r, "detector", "nano-1", 100, 60 + r, point);
            f.run("equal-split", r, 800.0 + 20 * r, 0.05, 300, 1, point)
                    .service("equal-split", r, "speech", "orin", 250, 400 + r, point)
                    .service("equal-split", r, "detector", "nano-1", 100, 70 + r, point);
        }
        return f;
    }

    @Test
    void simulatedDirectoryHasEveryFigure() throws IOException {
        twoPolicies("sim").writeTo(dir);
        Report.Written written = Report.redraw(dir, ReportContext.none());
        assertFigures(List.of("coloc_slo_violations", "miss_rate", "p99_latency", "retrain_time", "retrain_time_runs",
                "service_p99_1", "service_p99_2", "slo_violations"));
        String page = Files.readString(written.report());
        assertTrue(page.contains("deep-edge is the fastest policy that kept every SLO"), page);
        assertTrue(page.contains("<h2>Paired comparison against deep-edge</h2>"));
        assertLinksExist(page);
    }

    @Test
    void sweepDirectoryAddsEveryMetricAgainstTheSweptValue() throws IOException {
        SloFixture f = twoPolicies("sim", "2");
        for (int r = 0; r < 3; r++) {
            f.run("deep-edge", r, 1200.0 + r, 0.02, 95, 0, "8").service("deep-edge", r, "speech", "tx2", 250, 170, "8")
                    .run("equal-split", r, 900.0 + 5 * r, 0.2, 500, 2, "8")
                    .service("equal-split", r, "speech", "orin", 250, 600, "8");
        }
        f.writeTo(dir);
        Report.redraw(dir, ReportContext.none());
        List<String> names = names();
        for (String sweep : List.of("sweep_retrain_time", "sweep_miss_rate", "sweep_p99_latency",
                "sweep_coloc_slo_violations")) {
            assertTrue(names.contains(sweep), sweep + " in " + names);
        }
        // speech and detector at rate=2, speech only at rate=8
        assertTrue(names.contains("service_p99_3") && !names.contains("service_p99_4"),
                "one p99 chart per service and grid point: " + names);
        assertFigures(names);
        assertLinksExist(Files.readString(dir.resolve("report.html")));
        String csv = Files.readString(dir.resolve("comparison.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",note,rate"), "the swept column ends the header");
    }

    @Test
    void testbedDirectoryHasTheSameFigures() throws IOException {
        twoPolicies("testbed").writeTo(dir);
        Files.writeString(dir.resolve("manifest.json"), "{}"); // as the command writes it beside the report
        Report.redraw(dir, new ReportContext(Optional.of("equal-split"), "name: fixture\n", "[]", "{}"));
        assertFigures(List.of("coloc_slo_violations", "miss_rate", "p99_latency", "retrain_time", "retrain_time_runs",
                "service_p99_1", "service_p99_2", "slo_violations"));
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("Mode: testbed."));
        assertTrue(page.contains("<h2>Paired comparison against equal-split</h2>"));
        assertTrue(page.contains("<pre>name: fixture\n</pre>"), "the config text is on the page");
        assertTrue(Files.readString(dir.resolve("comparison.csv")).contains("accuracy_after"), "testbed accuracy compared");
        assertLinksExist(page);
    }

    @Test
    void pageLinksOnlyRelativePathsToFilesThatExist() throws IOException {
        twoPolicies("sim").writeTo(dir);
        Report.redraw(dir, ReportContext.none());
        String page = Files.readString(dir.resolve("report.html"));
        List<String> links = links(page);
        assertTrue(links.contains("comparison.csv") && links.contains("plots/retrain_time.svg"), links.toString());
        assertFalse(links.contains("manifest.json"), "no manifest here, so no link to one");
        assertLinksExist(page);
    }

    private void assertFigures(List<String> expected) throws IOException {
        assertEquals(expected.stream().sorted().toList(), names());
        for (String name : expected) {
            Path png = dir.resolve("plots/" + name + ".png");
            Path svg = dir.resolve("plots/" + name + ".svg");
            assertTrue(Files.size(png) > 1000, png + " is a drawn PNG");
            assertTrue(Files.readString(svg).contains("<svg"), svg + " is an SVG");
        }
        String page = Files.readString(dir.resolve("report.html"));
        for (String name : expected) {
            assertTrue(page.contains("<img src=\"plots/" + name + ".png\""), name + " on the page");
        }
    }

    /** Base names of the PNG charts in plots/, each also checked to have its SVG. */
    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("plots"))) {
            List<String> all = files.map(p -> p.getFileName().toString()).sorted().toList();
            List<String> pngs = all.stream().filter(n -> n.endsWith(".png")).map(n -> n.substring(0, n.length() - 4)).toList();
            assertEquals(pngs.stream().map(n -> n + ".svg").toList(), all.stream().filter(n -> n.endsWith(".svg")).toList());
            return pngs;
        }
    }

    private void assertLinksExist(String page) {
        for (String link : links(page)) {
            assertFalse(link.contains(":") || link.startsWith("/") || link.contains(".."), "relative: " + link);
            assertTrue(Files.isRegularFile(dir.resolve(link)), "linked file exists: " + link);
        }
    }

    private static List<String> links(String page) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(page);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }
}
