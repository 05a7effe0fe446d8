package io.deepedge.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shard directories given to {@code merge}, read and checked to be the complete slices of one experiment:
 * each a result directory of this tool with a well-formed manifest; all with the same config text, seed,
 * replications, policies, grid and timing setting; shards 1..N each exactly once; each with exactly the rows of
 * its slice and the same CSV columns. Problems are lines {@code SHARD_DIR DIR: field: what (value), expected ...}.
 */
public final class ShardManifests {
    /** A shard directory and its manifest fields. */
    public record Shard(Path dir, io.deepedge.experiments.run.Shard slice, Map<String, Object> manifest) {
    }

    /** Fields that must be equal in every shard of one experiment. */
    private static final List<String> SAME_IN_EVERY_SHARD = List.of("experiment", "mode", "configText", "seed",
            "replications", "policies", "sweepPaths", "resolved", "noTiming");
    private static final List<String> CSV_FILES = List.of("runs.csv", "services.csv");
    /** Per-run files of newer versions: merged when every shard has them, refused when only some do. */
    private static final List<String> OPTIONAL_CSV_FILES = List.of("histograms.csv", "timeline.csv", "rounds.csv",
            "host-speed.csv", "host-steps.csv");

    private ShardManifests() {
    }

    /** The shards sorted by K, with every problem found added to {@code problems}. */
    public static List<Shard> read(List<Path> dirs, List<String> problems) {
        List<Shard> shards = new ArrayList<>();
        for (Path d : dirs) {
            readOne(d, problems).ifPresent(shards::add);
        }
        shards.sort(Comparator.comparingInt(s -> s.slice().k()));
        if (!shards.isEmpty() && shards.size() == dirs.size()) {
            sameExperiment(shards, problems);
            complete(shards, problems);
            sameColumns(shards, problems);
        }
        return shards;
    }

    private static Optional<Shard> readOne(Path dir, List<String> problems) {
        String at = "SHARD_DIR " + dir + ": ";
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(at + "not a folder (" + dir + "), expected a result directory written with --shard K/N");
            return Optional.empty();
        }
        Optional<String> manifestProblem = ResultDirectory.manifestProblem(dir);
        if (manifestProblem.isPresent()) {
            problems.add(at + "manifest.json: not a manifest of this tool (" + manifestProblem.get()
                    + "), expected the manifest.json written with --shard K/N");
            return Optional.empty();
        }
        Optional<String> why = ResultDirectory.whyNot(dir);
        if (why.isPresent()) {
            problems.add(at + "not a result directory of this tool (" + why.get() + "), expected one written with --shard K/N");
            return Optional.empty();
        }
        Map<String, Object> manifest;
        try {
            manifest = Manifest.read(dir.resolve("manifest.json"));
        } catch (IOException | RuntimeException e) {
            problems.add(at + "manifest.json: not readable JSON (" + e.getClass().getSimpleName() + "), expected the manifest this tool writes");
            return Optional.empty();
        }
        int before = problems.size();
        for (String field : SAME_IN_EVERY_SHARD) {
            if (!manifest.containsKey(field)) {
                problems.add(at + "manifest.json: " + field + ": missing, expected the value the shard ran with");
            }
        }
        for (String file : CSV_FILES) {
            if (!Files.isRegularFile(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(at + file + ": missing, expected the shard's " + file);
            }
        }
        Object shardText = manifest.get("shard");
        Optional<io.deepedge.experiments.run.Shard> slice = shardText instanceof String text
                ? io.deepedge.experiments.run.Shard.parse(text) : Optional.empty();
        if (slice.isEmpty()) {
            problems.add(at + "manifest.json: shard: not a slice (" + shardText + "), expected K/N as written by --shard K/N");
        }
        return problems.size() == before ? Optional.of(new Shard(dir, slice.get(), manifest)) : Optional.empty();
    }

    private static void sameExperiment(List<Shard> shards, List<String> problems) {
        Shard first = shards.get(0);
        for (Shard s : shards.subList(1, shards.size())) {
            for (String field : SAME_IN_EVERY_SHARD) {
                Object expected = first.manifest().get(field);
                Object actual = s.manifest().get(field);
                if (!Objects.equals(expected, actual)) {
                    problems.add("SHARD_DIR " + s.dir() + ": manifest.json: " + field + ": differs from shard "
                            + first.slice() + " (" + OutputTarget.shorten(String.valueOf(actual)) + "), expected "
                            + OutputTarget.shorten(String.valueOf(expected)) + " as in " + first.dir());
                }
            }
            if (s.slice().n() != first.slice().n()) {
                problems.add("SHARD_DIR " + s.dir() + ": manifest.json: shard: another split (" + s.slice()
                        + "), expected one of " + first.slice().n() + " shards as in " + first.dir());
            }
        }
    }

    private static void complete(List<Shard> shards, List<String> problems) {
        int n = shards.get(0).slice().n();
        boolean[] seen = new boolean[n + 1];
        for (Shard s : shards) {
            if (s.slice().n() != n) {
                continue;
            }
            if (seen[s.slice().k()]) {
                problems.add("SHARD_DIR " + s.dir() + ": manifest.json: shard: given twice (" + s.slice()
                        + "), expected each shard once");
            }
            seen[s.slice().k()] = true;
            expectedRows(s).ifPresent(rows -> checkRows(s, rows, problems));
        }
        for (int k = 1; k <= n; k++) {
            if (!seen[k]) {
                problems.add("SHARD_DIR: shard missing (" + k + "/" + n + "), expected all of 1/" + n + " .. " + n + "/" + n);
            }
        }
    }

    /** Rows of the shard's slice of policies x replications x grid points, when the manifest says those. */
    private static Optional<Integer> expectedRows(Shard s) {
        Object policies = s.manifest().get("policies");
        Object replications = s.manifest().get("replications");
        Object grid = s.manifest().get("resolved");
        if (!(policies instanceof List<?> p) || !(replications instanceof Integer r) || !(grid instanceof List<?> g)) {
            return Optional.empty();
        }
        int total = p.size() * r * g.size();
        return Optional.of(s.slice().slice(java.util.Collections.nCopies(total, 0)).size());
    }

    private static void checkRows(Shard s, int expected, List<String> problems) {
        int rows = lines(s.dir().resolve("runs.csv"), problems).size() - 1;
        if (rows >= 0 && rows != expected) {
            problems.add("SHARD_DIR " + s.dir() + ": runs.csv: " + rows + " runs (" + s.slice()
                    + "), expected " + expected + " for this slice of the run list");
        }
    }

    private static void sameColumns(List<Shard> shards, List<String> problems) {
        List<String> files = new ArrayList<>(CSV_FILES);
        for (String file : OPTIONAL_CSV_FILES) {
            List<Shard> having = shards.stream()
                    .filter(s -> Files.isRegularFile(s.dir().resolve(file), LinkOption.NOFOLLOW_LINKS)).toList();
            if (having.size() == shards.size()) {
                files.add(file);
            } else if (!having.isEmpty()) {
                Shard without = shards.stream().filter(s -> !having.contains(s)).findFirst().orElseThrow();
                problems.add("SHARD_DIR " + without.dir() + ": " + file + ": missing (" + having.size() + " of "
                        + shards.size() + " shards have it), expected it in every shard as in " + having.get(0).dir()
                        + " (shards written by different versions of this tool)");
            }
        }
        for (String file : files) {
            String header = null;
            Path headerDir = null;
            for (Shard s : shards) {
                List<String> part = lines(s.dir().resolve(file), problems);
                if (part.isEmpty()) {
                    problems.add("SHARD_DIR " + s.dir() + ": " + file + ": empty, expected a header row");
                } else if (header == null) {
                    header = part.get(0);
                    headerDir = s.dir();
                } else if (!header.equals(part.get(0))) {
                    problems.add("SHARD_DIR " + s.dir() + ": " + file + ": columns differ ("
                            + OutputTarget.shorten(part.get(0)) + "), expected " + OutputTarget.shorten(header)
                            + " as in " + headerDir);
                }
            }
        }
    }

    private static List<String> lines(Path file, List<String> problems) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            problems.add("SHARD_DIR " + file.getParent() + ": " + file.getFileName() + ": not UTF-8 text, expected the CSV this tool writes");
        } catch (IOException | UncheckedIOException e) {
            problems.add("SHARD_DIR " + file.getParent() + ": " + file.getFileName() + ": cannot read ("
                    + e.getMessage() + "), expected a readable file");
        }
        return List.of();
    }
}
