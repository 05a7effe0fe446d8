package io.deepedge.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a finished result directory of this tool holds, so that the tool replaces or deletes a directory only
 * when it wrote every entry in it: a {@code manifest.json} carrying {@link #TOOL_MARK}, the result files this
 * tool writes, and a {@code plots/} folder of images. Anything else in it (a user's notes, a config, a trace,
 * a symbolic link) makes it the user's directory, never to be touched.
 */
public final class ResultDirectory {
    /** The manifest field that says a directory was written by this tool, and its value. */
    public static final String TOOL_FIELD = "writtenBy";
    public static final String TOOL_MARK = "deepedge result directory";

    /** Every top-level file any command of this tool writes into a result directory. */
    static final Set<String> FILES = Set.of("manifest.json", "runs.csv", "services.csv", "summary.csv",
            "report.html", "comparison.csv", "validation.csv", "timeline.csv", "histograms.csv", "rounds.csv",
            "host-speed.csv", "host-steps.csv");
    static final String PLOTS = "plots";
    private static final List<String> PLOT_SUFFIXES = List.of(".png", ".svg");

    private ResultDirectory() {
    }

    /**
     * Why {@code dir} is not a finished result directory of this tool, or empty when it is one. {@code dir}
     * must exist and be a directory (not a link to one).
     */
    public static Optional<String> whyNot(Path dir) {
        Optional<String> manifest = manifestProblem(dir);
        if (manifest.isPresent()) {
            return manifest;
        }
        List<String> foreign = foreignEntries(dir);
        if (!foreign.isEmpty()) {
            return Optional.of("a result folder that also holds " + describe(foreign));
        }
        return Optional.empty();
    }

    /** Entries of {@code dir} this tool does not write (relative names), in name order. */
    static List<String> foreignEntries(Path dir) {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isSymbolicLink(p)) {
                    foreign.add(name);
                } else if (name.equals(PLOTS) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.addAll(foreignPlots(p));
                } else if (!FILES.contains(name) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(name);
                }
            }
        } catch (IOException e) {
            foreign.add("entries that cannot be listed (" + e.getMessage() + ")");
        }
        return foreign;
    }

    private static List<String> foreignPlots(Path plots) throws IOException {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(plots)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean image = PLOT_SUFFIXES.stream().anyMatch(name::endsWith);
                if (!image || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(PLOTS + "/" + name);
                }
            }
        }
        return foreign;
    }

    /** Why {@code dir}'s manifest.json does not mark it as this tool's, or empty when it does. */
    public static Optional<String> manifestProblem(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("a folder without this tool's manifest.json");
        }
        try {
            Map<String, Object> fields = Manifest.read(manifest);
            return TOOL_MARK.equals(fields.get(TOOL_FIELD)) ? Optional.empty()
                    : Optional.of("its manifest.json was not written by this tool (no " + TOOL_FIELD + " mark)");
        } catch (IOException | RuntimeException e) {
            return Optional.of("its manifest.json is not readable JSON");
        }
    }

    private static String describe(List<String> names) {
        int shown = Math.min(3, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }
}
