package io.deepedge.experiments.config;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
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
        Optional<String> text = text(file, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Node root = new Yaml().compose(new StringReader(text.get()));
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
            problems.add(lineAt(text.get(), e.getPosition()), "", "invalid YAML: " + e.getMessage(),
                    String.format("code point U+%04X", e.getCodePoint()), "printable text");
        } catch (YAMLException e) {
            problems.add(0, "", "invalid YAML", e.getMessage(), "well-formed YAML");
        }
        return Optional.empty();
    }

    private static Optional<String> text(Path file, Problems problems) {
        String expected = "a readable UTF-8 YAML file";
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                problems.add(0, "", "the config file is too large", Files.size(file) + " bytes",
                        "at most " + MAX_BYTES + " bytes");
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
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
