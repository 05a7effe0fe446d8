package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");
    private static final List<String> POLICIES = List.of("deep-edge", "equal-split", "fastest-single");

    @TempDir
    Path dir;

    @Test
    void reportNamesEveryPolicyAndShowsEveryPngItDrew() throws IOException {
        Path html = Report.write(plainFixture().writeTo(dir));
        String page = Files.readString(html);

        POLICIES.forEach(policy -> assertTrue(page.contains(policy), policy));
        assertTrue(page.contains("Deep-Edge report: quickstart"));
        assertEquals(pngs(), images(page));
        assertEquals(List.of("plots/miss_rate.png", "plots/p99_latency.png", "plots/retrain_time.png",
                "plots/retrain_time_runs.png", "plots/service_p99.png"), pngs());
        for (String png : pngs()) {
            assertIsPng(dir.resolve(png));
        }
        assertTrue(Files.exists(dir.resolve("summary.csv")), "summary.csv is computed when absent");
    }

    @Test
    void reportHasTheSummaryRunsAndServiceTables() throws IOException {
        String page = Files.readString(Report.write(plainFixture().writeTo(dir)));

        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<th>retrain_time_sec_mean</th>"));
        // runs.csv here says nothing of SLOs, so no policy is the best (HeadlineTest covers the highlighted row)
        assertFalse(page.contains("<tr class=\"best\">"), "no best without SLO columns");
        assertTrue(page.contains("All 9 runs"));
        assertTrue(page.contains("<td>nano-1:100;fast:300</td>"));
        assertTrue(page.contains("<td>detector</td><td>nano-1</td><td>deep-edge</td><td class=\"num\">3</td>"
                + "<td>yes</td>"), page);
        assertTrue(page.contains("<td>detector</td><td>fast</td><td>deep-edge</td><td class=\"num\">3</td>"
                + "<td>1 of 3 runs</td>"), page);
        assertFalse(page.contains("<script"));
    }

    @Test
    void sweepAddsLineChartsAgainstTheFirstSweptParameter() throws IOException {
        String rate = "services.detector.arrivals.poisson.ratePerSec";
        ResultFixture fixture = new ResultFixture(rate);
        for (String r : List.of("2", "10", "5")) {
            for (String policy : POLICIES) {
                for (int rep = 0; rep < 2; rep++) {
                    double time = Double.parseDouble(r) * (1 + POLICIES.indexOf(policy)) + rep;
                    fixture.run(policy, rep, time, 0.01 * Double.parseDouble(r), 100, r);
                    fixture.service(policy, rep, "detector", "nano-1", true, 100, 3, 90, r);
                }
            }
        }
        String page = Files.readString(Report.write(fixture.writeTo(dir)));

        assertTrue(pngs().containsAll(List.of("plots/sweep_retrain_time.png", "plots/sweep_miss_rate.png")), pngs()
                .toString());
        assertEquals(pngs(), images(page));
        for (String png : pngs()) {
            assertIsPng(dir.resolve(png));
        }
        assertTrue(page.contains("Re-training time vs poisson.ratePerSec"));
    }

    @Test
    void reportIsIdenticalAcrossCalls() throws IOException {
        Report.write(plainFixture().writeTo(dir));
        byte[] html = Files.readAllBytes(dir.resolve("report.html"));
        byte[] chart = Files.readAllBytes(dir.resolve("plots/retrain_time.png"));
        Report.write(dir);

        assertArrayEquals(html, Files.readAllBytes(dir.resolve("report.html")));
        assertArrayEquals(chart, Files.readAllBytes(dir.resolve("plots/retrain_time.png")));
    }

    @Test
    void stalePngsFromAnEarlierReportAreRemoved() throws IOException {
        plainFixture().writeTo(dir);
        Files.createDirectories(dir.resolve("plots"));
        Files.write(dir.resolve("plots/sweep_retrain_time.png"), new byte[] {1});
        String page = Files.readString(Report.write(dir));

        assertFalse(Files.exists(dir.resolve("plots/sweep_retrain_time.png")));
        assertEquals(pngs(), images(page));
    }

    @Test
    void chartsWithoutDataAreLeftOutAndTheReportSaysSo() throws IOException {
        new ResultFixture().run("never", 0, null, 0.2, 100).run("never", 1, null, 0.3, 100).writeTo(dir);
        String page = Files.readString(Report.write(dir));

        assertFalse(Files.exists(dir.resolve("plots/retrain_time.png")));
        assertFalse(Files.exists(dir.resolve("plots/retrain_time_runs.png")));
        assertTrue(Files.exists(dir.resolve("plots/miss_rate.png")));
        assertEquals(pngs(), images(page));
        assertTrue(page.contains("No services.csv"));
    }

    @Test
    void runsWithoutRowsGiveAReportWithoutCharts() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), ResultFixture.RUNS_HEADER + "\n");
        String page = Files.readString(Report.write(dir));

        assertEquals(List.of(), pngs());
        assertTrue(page.contains("No chart could be drawn"));
    }

    @Test
    void missingRunsFileThrowsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.write(dir));
        assertTrue(e.getMessage().contains("runs.csv"), e.getMessage());
    }

    @Test
    void textIsEscaped() throws IOException {
        plainFixture().writeTo(dir);
        Path runs = dir.resolve("runs.csv");
        Files.writeString(runs, Files.readString(runs).replace("quickstart", "a<b>&\"c\"'"));
        String page = Files.readString(Report.write(dir));

        assertTrue(page.contains("a&lt;b&gt;&amp;&quot;c&quot;&#39;"));
        assertFalse(page.contains("a<b>"));
    }

    @Test
    void missingServicesColumnThrowsNamingFileAndColumnAndWritesNothing() throws IOException {
        plainFixture().writeTo(dir);
        Path services = dir.resolve("services.csv");
        Files.writeString(services, Files.readString(services).replace("colocated,", "co_located,"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.write(dir));
        assertTrue(e.getMessage().contains("services.csv") && e.getMessage().contains("colocated"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void missingSummaryColumnThrowsNamingFileAndColumn() throws IOException {
        plainFixture().writeTo(dir);
        Files.writeString(dir.resolve("summary.csv"), "policy,runs,finished\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.write(dir));
        assertTrue(e.getMessage().contains("summary.csv") && e.getMessage().contains("retrain_time_sec_mean"),
                e.getMessage());
    }

    @Test
    void chartsAreDrawnHeadless() throws IOException {
        Report.write(plainFixture().writeTo(dir));

        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    private static ResultFixture plainFixture() {
        ResultFixture fixture = new ResultFixture();
        double[][] times = {{100, 104, 108}, {150, 160, 170}, {130, 131, 135}};
        for (int p = 0; p < POLICIES.size(); p++) {
            for (int rep = 0; rep < 3; rep++) {
                String policy = POLICIES.get(p);
                fixture.run(policy, rep, times[p][rep], 0.01 * (p + rep), 90 + 10 * p);
                fixture.service(policy, rep, "detector", "nano-1", true, 500, 5 * p, 80 + p);
                fixture.service(policy, rep, "detector", "fast", rep == 0, 700, p, 60);
            }
        }
        return fixture;
    }

    private List<String> pngs() throws IOException {
        Path plots = dir.resolve("plots");
        if (!Files.isDirectory(plots)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(plots)) {
            return files.map(file -> "plots/" + file.getFileName())
                    .filter(name -> name.endsWith(".png")).sorted().toList();
        }
    }

    private static List<String> images(String page) {
        List<String> images = new ArrayList<>();
        Matcher matcher = IMG.matcher(page);
        while (matcher.find()) {
            images.add(matcher.group(1));
        }
        return images.stream().sorted().toList();
    }

    private static void assertIsPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > PNG_MAGIC.length, file + " is empty");
        byte[] head = new byte[PNG_MAGIC.length];
        System.arraycopy(bytes, 0, head, 0, head.length);
        assertArrayEquals(PNG_MAGIC, head, file + " is not a PNG");
    }
}
