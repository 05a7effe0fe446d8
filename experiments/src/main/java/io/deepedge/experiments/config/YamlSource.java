package io.deepedge.experiments.config;

import io.deepedge.traces.Utf8Text;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a config file into a SnakeYAML node tree. An unreadable, oversized or non-UTF-8 file, broken YAML, and
 * YAML nested too deeply or with too many aliases (a "billion laughs" document) each become problems with the
 * line where they are, never an exception.
 */
final class YamlSource {
    /**
     * The largest config read. Checked while reading, so a pipe ({@code /dev/stdin}) or a huge file is never
     * read whole; a config of 10,000 devices and a long service placement list is about 150 KB.
     */
    static final int MAX_BYTES = 3 * 1024 * 1024;
    /** Lines with bytes that are not UTF-8 listed before the rest are only counted. */
    static final int MAX_ENCODING_PROBLEMS = 20;
    private static final String EXPECTED_TEXT = "UTF-8 text (save the file as UTF-8)";

    /**
     * The text and tree of a config.
     *
     * @param text the file's text as read (once), a leading byte-order mark removed
     * @param root the document's root node
     */
    record Document(String text, Node root) {
    }

    private YamlSource() {
    }

    static Optional<Document> read(Path file, Problems problems) {
        Optional<String> text = text(file, problems);
        if (text.isEmpty() || !YamlLimits.check(text.get(), problems)) {
            return Optional.empty();
        }
        try {
            Node root = new Yaml(YamlLimits.loaderOptions()).compose(new StringReader(text.get()));
            if (root == null) {
                problems.add(1, "", "the config is empty", null, "a mapping with name, seed, replications, "
                        + "horizonSec, devices and policies");
                return Optional.empty();
            }
            return Optional.of(new Document(text.get(), root));
        } catch (MarkedYAMLException e) {
            invalid(e, problems);
        } catch (ReaderException e) {
            problems.add(lineAt(text.get(), e.getPosition()), "", "invalid YAML: " + e.getMessage(),
                    String.format("code point U+%04X", e.getCodePoint()), "printable text");
        } catch (YAMLException e) {
            problems.add(0, "", "invalid YAML", e.getMessage(), "well-formed YAML");
        }
        return Optional.empty();
    }

    /** A syntax error, at the line and column SnakeYAML marks. */
    static void invalid(MarkedYAMLException e, Problems problems) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? 1 : mark.getLine() + 1;
        String column = mark == null ? null : "column " + (mark.getColumn() + 1);
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        problems.add(line, "", "invalid YAML: " + problem, column, "well-formed YAML");
    }

    private static Optional<String> text(Path file, Problems problems) {
        String expected = "a readable UTF-8 YAML file";
        if (file.toString().isEmpty()) {
            problems.add(0, "", "cannot read the config file", "an empty path", expected);
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            problems.add(0, "", "cannot read the config file", "a directory", expected);
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            problems.add(0, "", "cannot read the config file", "no such file", expected);
            return Optional.empty();
        } catch (AccessDeniedException e) {
            problems.add(0, "", "cannot read the config file", "permission denied", expected);
            return Optional.empty();
        } catch (IOException e) {
            problems.add(0, "", "cannot read the config file", String.valueOf(e.getMessage()), expected);
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            problems.add(0, "", "the config file is too large", "more than " + MAX_BYTES + " bytes",
                    "at most " + MAX_BYTES + " bytes");
            return Optional.empty();
        }
        Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
        if (!decoded.badBytes().isEmpty()) {
            reportEncoding(decoded.badBytes(), problems);
            return Optional.empty();
        }
        return Optional.of(decoded.text());
    }

    /** Each line with a byte that is not UTF-8, at its first such byte; past a few lines, a count of the rest. */
    private static void reportEncoding(List<Utf8Text.BadByte> bad, Problems problems) {
        for (Utf8Text.BadByte b : bad.subList(0, Math.min(bad.size(), MAX_ENCODING_PROBLEMS))) {
            problems.add(b.line(), "", "the file is not UTF-8 text", b.describe(), EXPECTED_TEXT);
        }
        if (bad.size() > MAX_ENCODING_PROBLEMS) {
            List<Utf8Text.BadByte> rest = bad.subList(MAX_ENCODING_PROBLEMS, bad.size());
            problems.add(rest.get(0).line(), "", "the file is not UTF-8 text on " + rest.size() + " more lines",
                    "lines " + rest.get(0).line() + " to " + rest.get(rest.size() - 1).line(), EXPECTED_TEXT);
        }
    }

    /** ReaderException counts code points; close enough to chars to find the line of a stray control character. */
    private static int lineAt(String text, int position) {
        int end = Math.min(Math.max(position, 0), text.length());
        return (int) text.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
    }
}
