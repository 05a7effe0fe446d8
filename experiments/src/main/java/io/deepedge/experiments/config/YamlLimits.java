package io.deepedge.experiments.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * The limits a config's YAML structure must keep, checked on the parser's event stream before a node tree is
 * built, so a violation is reported at the line where it happens: SnakeYAML's own checks (which stay on, as a
 * second guard) throw without a line. A config is at most 7 levels deep and needs no aliases at all.
 */
final class YamlLimits {
    /** Nested mappings and lists, the document's root mapping being level 1 (SnakeYAML's default limit). */
    static final int MAX_DEPTH = 50;
    /**
     * Aliases of mappings and lists (SnakeYAML's default limit): each one can double what a walk over the tree
     * visits, which is how a kilobyte "billion laughs" document expands to gigabytes. Aliases of single values
     * cost nothing and are not counted.
     */
    static final int MAX_COLLECTION_ALIASES = 50;

    private YamlLimits() {
    }

    /** SnakeYAML's options with the same limits, for the composer that runs after {@link #check}. */
    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(MAX_DEPTH + 1); // the check below is the one that reports; this is a backstop
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setCodePointLimit(YamlSource.MAX_BYTES + 1);
        return options;
    }

    /** Whether {@code text} keeps the limits; the first violation is recorded at its line. */
    static boolean check(String text, Problems problems) {
        int depth = 0;
        int aliases = 0;
        Set<String> collectionAnchors = new HashSet<>();
        try {
            for (Event event : new Yaml(loaderOptions()).parse(new StringReader(text))) {
                int line = event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
                if (event instanceof CollectionStartEvent start) {
                    if (start.getAnchor() != null) {
                        collectionAnchors.add(start.getAnchor());
                    }
                    if (++depth > MAX_DEPTH) {
                        problems.add(line, "", "the YAML is nested too deeply", "more than " + MAX_DEPTH + " levels",
                                "at most " + MAX_DEPTH + " nested mappings and lists");
                        return false;
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                } else if (event instanceof AliasEvent alias) {
                    if (collectionAnchors.contains(alias.getAnchor()) && ++aliases > MAX_COLLECTION_ALIASES) {
                        problems.add(line, "", "the YAML has too many aliases of mappings and lists",
                                "*" + alias.getAnchor() + ", alias number " + aliases,
                                "at most " + MAX_COLLECTION_ALIASES + " (each can double the document's size)");
                        return false;
                    }
                } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    collectionAnchors.remove(node.getAnchor()); // a scalar re-using an anchor name replaces it
                }
            }
        } catch (MarkedYAMLException e) {
            YamlSource.invalid(e, problems);
            return false;
        } catch (YAMLException e) {
            return true; // not a structural problem: the composer reports it with the rest
        }
        return true;
    }
}
