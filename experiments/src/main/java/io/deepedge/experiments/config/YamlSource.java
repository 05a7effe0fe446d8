package io.deepedge.experiments.config;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a config file into a SnakeYAML node tree; an unreadable file or broken YAML becomes one problem. */
final class YamlSource {
    /** SnakeYAML refuses documents over 3 Mi code points anyway; checking the size first avoids reading a huge file. */
    static final long MAX_BYTES = 3L * 1024 * 1024;

    private YamlSource() {
    }

    static Optional<Node> read(Path file, Problems problems) {
        return text(file, problems).flatMap(text -> parse(text, problems));
    }

    /** The YAML node tree of a config's text; empty with a problem when it is no YAML or empty. */
    static Optional<Node> parse(String text, Problems problems) {
        try {
            Node root = new Yaml().compose(new StringReader(text));
            if (root == null) {
                problems.add(1, "", "the config is empty", null, "a mapping with name, seed, replications, "
                        + "horizonSec, devices and policies");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String column = mark == null ? null : "column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            problems.add(line, "", "invalid YAML: " + problem, column, "well-formed YAML");
        } catch (ReaderException e) {
            problems.add(lineAt(text, e.getPosition()), "", "invalid YAML: " + e.getMessage(),
                    String.format("code point U+%04X", e.getCodePoint()), "printable text");
        } catch (YAMLException e) {
            problems.add(0, "", "invalid YAML", e.getMessage(), "well-formed YAML");
        }
        return Optional.empty();
    }

    /**
     * The config's text, read once (a pipe such as {@code /dev/stdin} can be read only once) and at most
     * {@link #MAX_BYTES} bytes of it.
     */
    static Optional<String> text(Path file, Problems problems) {
        String expected = "a readable UTF-8 YAML file";
        if (Files.isDirectory(file)) {
            problems.add(0, "", "cannot read the config file", "a folder", expected);
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                problems.add(0, "", "the config file is too large", "more than " + MAX_BYTES + " bytes",
                        "at most " + MAX_BYTES + " bytes");
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (NoSuchFileException e) {
            problems.add(0, "", "cannot read the config file", "no such file", expected);
        } catch (AccessDeniedException e) {
            problems.add(0, "", "cannot read the config file", "permission denied", expected);
        } catch (CharacterCodingException e) {
            problems.add(0, "", "the config file is not UTF-8 text", e.getMessage(), expected);
        } catch (IOException e) {
            problems.add(0, "", "cannot read the config file", String.valueOf(e.getMessage()), expected);
        }
        return Optional.empty();
    }

    /** ReaderException counts code points; close enough to chars to find the line of a stray control character. */
    private static int lineAt(String text, int position) {
        int end = Math.min(Math.max(position, 0), text.length());
        return (int) text.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
    }
}
