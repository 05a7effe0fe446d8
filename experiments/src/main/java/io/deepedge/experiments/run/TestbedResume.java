package io.deepedge.experiments.run;

import io.deepedge.models.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@code testbed} command keeps, while it runs, to be continued with {@code --resume} if it is killed
 * outright: a folder {@value #DIR} inside its hidden temporary result folder holding {@value #STATE} (the
 * experiment: config text, seed, replications, policies), one folder {@code run-NNNN} per completed run (its
 * rows of every per-run file: runs, services, histograms, timeline; written under a temporary name and renamed, so
 * a run is there whole or not at all) and {@code run-NNNN.checkpoint/} with the checkpoint of the run under way. The final files are the
 * completed runs' rows in run order. The folder is removed before the results are put in place, and with the
 * temporary folder on Ctrl-C or failure; only its own entries are ever deleted.
 */
public final class TestbedResume {
    public static final String DIR = "testbed-resume";
    public static final String STATE = "state.json";
    /** The checkpoints of the untimed rehearsal before the first measured run. */
    private static final String REHEARSAL = "rehearsal.checkpoint";
    private static final Pattern RUN = Pattern.compile("(run-\\d{4,}(\\.checkpoint|\\.tmp)?|" + REHEARSAL + ")");
    private static final List<String> RUN_FILES = java.util.stream.Stream.concat(ResultFiles.PER_RUN_FILES.stream(),
            java.util.stream.Stream.of("checkpoint.bin", "checkpoint.bin.tmp")).toList();
    /** What must equal for a state to be continued: the experiment as it runs. */
    public static final List<String> IDENTITY = List.of("configText", "seed", "replications", "policies");

    private final Path dir;

    private TestbedResume(Path dir) {
        this.dir = dir;
    }

    /** A new state in the result folder {@code resultTemp} for the experiment {@code identity}. */
    public static TestbedResume create(Path resultTemp, Map<String, Object> identity) throws IOException {
        Path dir = Files.createDirectory(resultTemp.resolve(DIR));
        Manifest m = new Manifest();
        identity.forEach(m::put);
        Path tmp = dir.resolve(STATE + ".tmp");
        m.write(tmp);
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE);
        return new TestbedResume(dir);
    }

    /** The state in an adopted result folder. */
    public static TestbedResume open(Path resultTemp) {
        return new TestbedResume(resultTemp.resolve(DIR));
    }

    /** Why the state in {@code resultTemp} is not one of {@code identity}'s experiment: one line per field. */
    public static List<String> mismatches(Path resultTemp, Map<String, Object> identity) {
        List<String> out = new ArrayList<>();
        Map<String, Object> state;
        try {
            state = Manifest.read(resultTemp.resolve(DIR).resolve(STATE));
        } catch (IOException | RuntimeException e) {
            return List.of(STATE + ": not readable (" + e.getClass().getSimpleName() + ")");
        }
        for (String field : IDENTITY) {
            // compared as text: JSON reads numbers back as the narrowest type, lists as lists
            if (!Objects.equals(String.valueOf(state.get(field)), String.valueOf(identity.get(field)))) {
                out.add(field + ": " + OutputTarget.shorten(String.valueOf(state.get(field))) + " in the interrupted run");
            }
        }
        return out;
    }

    public boolean completed(int index) {
        return Files.isDirectory(runDir(index), LinkOption.NOFOLLOW_LINKS);
    }

    /** Where run {@code index} checkpoints (created when missing). */
    public Path checkpointDir(int index) throws IOException {
        return Files.createDirectories(dir.resolve(name(index) + ".checkpoint"));
    }

    /** Where the rehearsal checkpoints (emptied first: a killed command's rehearsal left it). */
    public Path rehearsalDir() throws IOException {
        deleteTree(dir.resolve(REHEARSAL));
        return Files.createDirectories(dir.resolve(REHEARSAL));
    }

    /** The rehearsal is over: its checkpoints go. */
    public void endRehearsal() {
        deleteTree(dir.resolve(REHEARSAL));
    }

    /** Run {@code index} completed: its rows are kept (atomically), its checkpoint goes. */
    public void complete(int index, RunResult result, List<String> sweepPaths) throws IOException {
        Path tmp = dir.resolve(name(index) + ".tmp");
        deleteTree(tmp);
        Files.createDirectory(tmp);
        ResultFiles.write(tmp, List.of(result), sweepPaths);
        Files.move(tmp, runDir(index), StandardCopyOption.ATOMIC_MOVE);
        deleteTree(dir.resolve(name(index) + ".checkpoint"));
    }

    /** The per-run files ({@link ResultFiles#PER_RUN_FILES}) of {@code runs} completed runs, in run order. */
    public void writeResults(Path resultDir, int runs) throws IOException {
        for (String file : ResultFiles.PER_RUN_FILES) {
            StringBuilder all = new StringBuilder();
            boolean header = false;
            for (int i = 0; i < runs; i++) {
                Path runFile = runDir(i).resolve(file);
                if (!Files.exists(runFile)) {
                    continue; // a run completed by an older version, before the file existed (rounds.csv): no rows
                }
                String text = Files.readString(runFile, StandardCharsets.UTF_8);
                int endOfHeader = text.indexOf('\n') + 1;
                if (!header) {
                    all.append(text, 0, endOfHeader);
                    header = true;
                }
                all.append(text, endOfHeader, text.length());
            }
            if (header || runs == 0) {
                Files.writeString(resultDir.resolve(file), all, StandardCharsets.UTF_8);
            }
        }
    }

    /** Removes the state (before the results are put in place). */
    public void delete() {
        deleteTree(dir);
    }

    private Path runDir(int index) {
        return dir.resolve(name(index));
    }

    private static String name(int index) {
        return String.format(java.util.Locale.ROOT, "run-%04d", index + 1);
    }

    /** Deletes the entries a state holds, then the folder if that emptied it; anything else stays. */
    static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (RUN.matcher(n).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    for (String f : RUN_FILES) {
                        Files.deleteIfExists(p.resolve(f));
                    }
                    deleteQuietly(p);
                } else if (n.equals(STATE) || n.equals(STATE + ".tmp") || RUN_FILES.contains(n)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // left in place: not ours, or not removable now
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // not empty: something not ours is inside
        }
    }
}
