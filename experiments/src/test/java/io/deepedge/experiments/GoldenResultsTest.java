package io.deepedge.experiments;

import io.deepedge.experiments.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden result files: the golden experiment's CSV files must not change unless the model changes on
 * purpose. After an intended change, regenerate them with
 * {@code mvn -pl experiments test -Dtest=GoldenResultsTest -Dgolden.update=true} and review the diff.
 */
class GoldenResultsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path tmp;

    @Test
    void goldenExperimentReproducesItsResultFilesByteForByte() throws IOException {
        Path out = tmp.resolve("golden");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"simulate", GOLDEN.resolve("golden.yaml").toString(), "--out", out.toString(),
                "--no-timing", "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        for (String file : List.of("runs.csv", "services.csv", "summary.csv", "comparison.csv", "histograms.csv",
                "timeline.csv")) {
            Path expected = GOLDEN.resolve(file);
            if (Boolean.getBoolean("golden.update")) {
                Files.copy(out.resolve(file), expected, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(Files.readString(expected), Files.readString(out.resolve(file)), file);
        }
    }
}
