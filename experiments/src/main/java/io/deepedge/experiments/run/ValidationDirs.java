package io.deepedge.experiments.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The two directories given to {@code validate}, read and checked to be a simulated and a real run of one
 * experiment: each a complete result directory of this tool (its manifest.json, runs.csv and services.csv; not
 * one shard), SIM_DIR of mode {@code sim} and REAL_DIR of mode {@code testbed}, and both with the same
 * experiment name, config text (or one that differs only in {@link SimulatorOnlySettings}, warned about),
 * policies, grid, devices, service instances, metrics window and horizon. The
 * number of replications may differ (a few real runs against many simulated ones is the usual case); a different
 * seed is allowed but warned about, since the runs then do not share arrivals. Problems are lines
 * {@code SIM_DIR DIR: file: field: what (value), expected ...}.
 *
 * <p>For repeatability ({@code validate --repeatability}) both directories are testbed runs of the experiment:
 * the comparison then measures how far two real runs of one config lie apart, the floor a twin's error is read
 * against.
 */
public final class ValidationDirs {
    /** A checked directory and its manifest fields. */
    public record Dir(Path path, String role, Map<String, Object> manifest) {
        public String experiment() {
            return String.valueOf(manifest.get("experiment"));
        }
    }

    /**
     * Both directories, checked.
     *
     * @param warnings differences that do not stop the comparison (a different seed, simulator-only settings)
     */
    public record Pair(Dir sim, Dir real, List<String> warnings) {
    }

    static final String SIM = "SIM_DIR";
    static final String REAL = "REAL_DIR";
    private static final String SIM_MODE = "sim";
    private static final String REAL_MODE = "testbed";
    private static final List<String> REQUIRED = List.of("experiment", "mode", "configText", "seed", "replications",
            "policies", "sweepPaths", "resolved", "shard");
    private static final Pattern EXPERIMENT_NAME = Pattern.compile("[a-z0-9-]+");

    private ValidationDirs() {
    }

    /**
     * The checked pair; empty, with every problem added to {@code problems}, when either is unusable. With
     * {@code repeatability} both directories must be testbed runs (SIM_DIR the run compared, REAL_DIR the one it is
     * compared with) instead of a simulated and a real one.
     */
    public static Optional<Pair> check(Path simDir, Path realDir, boolean repeatability, List<String> problems) {
        int before = problems.size();
        Optional<Dir> sim = readOne(simDir, SIM, repeatability ? REAL_MODE : SIM_MODE, problems);
        Optional<Dir> real = readOne(realDir, REAL, REAL_MODE, problems);
        if (sim.isEmpty() || real.isEmpty()) {
            return Optional.empty();
        }
        if (repeatability) {
            bothReal(sim.get(), real.get(), problems);
        } else {
            modes(sim.get(), real.get(), problems);
        }
        List<String> warnings = new ArrayList<>();
        ValidationSameExperiment.check(sim.get(), real.get(), problems, warnings);
        if (problems.size() > before) {
            return Optional.empty();
        }
        Object simSeed = sim.get().manifest().get("seed");
        Object realSeed = real.get().manifest().get("seed");
        if (!Objects.equals(simSeed, realSeed)) {
            warnings.add("validate: warning: seed: differs (" + simSeed + " in " + simDir + ", " + realSeed + " in "
                    + realDir + "): the " + (repeatability ? "two" : "simulated and real") + " runs do not share their"
                    + " arrivals");
        }
        return Optional.of(new Pair(sim.get(), real.get(), warnings));
    }

    private static Optional<Dir> readOne(Path dir, String role, String mode, List<String> problems) {
        String expected = "a result directory written by " + (mode.equals(SIM_MODE) ? "simulate" : "testbed")
                + " (mode " + mode + ")";
        if (dir == null || dir.toString().isBlank()) {
            problems.add(role + ": an empty path (" + dir + "), expected " + expected);
            return Optional.empty();
        }
        String at = role + " " + dir + ": ";
        if (!Files.isDirectory(dir)) {
            problems.add(at + (Files.exists(dir) ? "not a folder" : "no such folder") + " (" + dir + "), expected " + expected);
            return Optional.empty();
        }
        Optional<String> manifestProblem = ResultDirectory.manifestProblem(dir);
        if (manifestProblem.isPresent()) {
            problems.add(at + "manifest.json: not a result directory of this tool (" + manifestProblem.get()
                    + "), expected " + expected);
            return Optional.empty();
        }
        Map<String, Object> manifest;
        try {
            manifest = Manifest.read(dir.resolve("manifest.json"));
        } catch (IOException | RuntimeException e) {
            problems.add(at + "manifest.json: not readable JSON (" + e.getClass().getSimpleName() + "), expected " + expected);
            return Optional.empty();
        }
        int before = problems.size();
        for (String field : REQUIRED) {
            if (!manifest.containsKey(field)) {
                problems.add(at + "manifest.json: " + field + ": missing, expected the value the run recorded ("
                        + expected + ")");
            }
        }
        for (String file : List.of("runs.csv", "services.csv")) {
            if (!Files.isRegularFile(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(at + file + ": missing, expected the " + file + " of " + expected);
            }
        }
        Object shard = manifest.get("shard");
        if (shard != null && !"1/1".equals(shard)) {
            problems.add(at + "manifest.json: shard: one slice of a sharded run (" + shard
                    + "), expected a complete result directory (join the shards with merge first)");
        }
        Object experiment = manifest.get("experiment");
        if (experiment != null && !EXPERIMENT_NAME.matcher(String.valueOf(experiment)).matches()) {
            problems.add(at + "manifest.json: experiment: not an experiment name (" + experiment
                    + "), expected [a-z0-9-]+ as a config's name");
        }
        return problems.size() == before ? Optional.of(new Dir(dir, role, manifest)) : Optional.empty();
    }

    /** With --repeatability both sides must be testbed runs: a simulated one would measure the twin, not the testbed. */
    private static void bothReal(Dir first, Dir second, List<String> problems) {
        for (Dir d : List.of(first, second)) {
            Object mode = d.manifest().get("mode");
            if (!REAL_MODE.equals(mode)) {
                problems.add(d.role() + " " + d.path() + ": manifest.json: mode: not a real run (" + mode
                        + "), expected testbed: --repeatability compares two directories written by testbed");
            }
        }
    }

    /** SIM_DIR must be simulated and REAL_DIR real: the same mode on both sides compares nothing with reality. */
    private static void modes(Dir sim, Dir real, List<String> problems) {
        Object simMode = sim.manifest().get("mode");
        Object realMode = real.manifest().get("mode");
        if (SIM_MODE.equals(simMode) && REAL_MODE.equals(realMode)) {
            return;
        }
        String both = SIM + " " + sim.path() + " and " + REAL + " " + real.path() + ": manifest.json: mode: ";
        if (REAL_MODE.equals(simMode) && SIM_MODE.equals(realMode)) {
            problems.add(both + "given in the wrong order (" + simMode + ", " + realMode
                    + "), expected the simulated directory first: validate " + real.path() + " " + sim.path());
        } else if (Objects.equals(simMode, realMode)) {
            problems.add(both + "the same on both sides (" + simMode + "), expected " + SIM
                    + " written by simulate (mode sim) and " + REAL + " by testbed (mode testbed)");
        } else {
            if (!SIM_MODE.equals(simMode)) {
                problems.add(SIM + " " + sim.path() + ": manifest.json: mode: not a simulated run (" + simMode
                        + "), expected sim (a directory written by simulate)");
            }
            if (!REAL_MODE.equals(realMode)) {
                problems.add(REAL + " " + real.path() + ": manifest.json: mode: not a real run (" + realMode
                        + "), expected testbed (a directory written by testbed)");
            }
        }
    }

    /** The SHA-256 of a config text, hex: how the manifests' configs are named in messages and the output. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Names in a sorted set, for messages about lists whose order does not matter. */
    static TreeSet<String> names(Object list) {
        TreeSet<String> names = new TreeSet<>();
        if (list instanceof List<?> l) {
            l.forEach(x -> names.add(String.valueOf(x)));
        }
        return names;
    }
}
