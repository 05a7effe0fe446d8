package io.deepedge.experiments.config;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;

/**
 * Where a key of a loaded config is written, for checks outside the loader (testbed's) whose problems must read
 * {@code FILE:LINE: path: ...} like the loader's.
 */
public final class KeyLines {
    private KeyLines() {
    }

    /**
     * The 1-based line of the key at the dotted {@code path} of mappings (e.g. {@code training.samples}) in
     * {@code yamlText}; its deepest present ancestor's line when it is absent; 0 when not even the first key is there.
     */
    public static int line(String yamlText, String path) {
        Node node;
        try {
            node = new Yaml(YamlLimits.loaderOptions()).compose(new StringReader(yamlText));
        } catch (RuntimeException e) {
            return 0; // a text the loader accepted always composes; a config built in code has no text
        }
        int line = 0;
        for (String key : path.split("\\.")) {
            if (!(node instanceof MappingNode mapping)) {
                return line;
            }
            NodeTuple found = null;
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    found = t;
                    break;
                }
            }
            if (found == null) {
                return line;
            }
            line = found.getKeyNode().getStartMark().getLine() + 1;
            node = found.getValueNode();
        }
        return line;
    }

    /** {@code FILE:LINE: path} (or {@code FILE: path} when the line is unknown), the start of a problem line. */
    public static String where(String file, String yamlText, String path) {
        int line = line(yamlText, path);
        return (line > 0 ? file + ":" + line : file) + ": " + path;
    }
}
