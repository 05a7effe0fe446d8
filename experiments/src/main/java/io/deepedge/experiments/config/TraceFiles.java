package io.deepedge.experiments.config;

import io.deepedge.traces.TraceException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The trace files one config load reads: where a path written in the config points, and each file read once
 * (with its problems) however many sweep points and services name it.
 */
final class TraceFiles {
    /** What a load returned: the value, or the exception to report again at every reference. */
    private record Outcome(Object value, TraceException failure) {
    }

    /** Reads one trace file. */
    interface Loader<T> {
        T load(Path file) throws TraceException;
    }

    private final Path configDir;
    private final Map<String, Outcome> loaded = new HashMap<>();
    private final Set<Path> files = new LinkedHashSet<>();

    /** @param configFile the config being loaded: relative trace paths start at its directory */
    TraceFiles(Path configFile) {
        Path parent = configFile.getParent();
        this.configDir = parent == null ? Path.of("") : parent;
    }

    /**
     * The file a config names: an absolute path as it is; a relative one from the config file's directory when
     * it exists there, else from the working directory. Empty when neither exists (or the text is no path).
     */
    Optional<Path> resolve(String written) {
        try {
            Path path = Path.of(written);
            if (path.isAbsolute()) {
                return Files.exists(path) ? Optional.of(path) : Optional.empty();
            }
            Path besideConfig = configDir.resolve(path).normalize();
            if (Files.exists(besideConfig)) {
                return Optional.of(besideConfig);
            }
            return Files.exists(path) ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Where {@link #resolve} looked, for the problem of a file that is not there. */
    String searched() {
        Path cwd = Path.of("").toAbsolutePath();
        return "an existing file, relative to the config's directory (" + configDir.toAbsolutePath().normalize()
                + ") or else to the working directory (" + cwd + ")";
    }

    /** Every trace file this load read, each once, in the order first read. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /**
     * {@code loader}'s result for {@code file}, read at most once per {@code kind} (format and selection).
     *
     * @throws TraceException the file's problems, again at every call
     */
    @SuppressWarnings("unchecked")
    <T> T load(Path file, String kind, Loader<T> loader) throws TraceException {
        String key = file.toAbsolutePath().normalize() + "\n" + kind;
        Outcome outcome = loaded.get(key);
        if (outcome == null) {
            files.add(file);
            try {
                outcome = new Outcome(loader.load(file), null);
            } catch (TraceException e) {
                outcome = new Outcome(null, e);
            }
            loaded.put(key, outcome);
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return (T) outcome.value();
    }
}
