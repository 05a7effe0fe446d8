package io.deepedge.hw.train;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the JVM for ND4J before its first use: where ND4J unpacks its ~400 MB of native libraries and where
 * DL4J keeps its resource folder (both would land in the user's home directory otherwise), no crash reports,
 * and how many native threads it may use.
 *
 * <p>The native folder is, in this order: the system property {@value #DIR_PROPERTY}, the environment variable
 * {@value #DIR_ENV}, or {@code deepedge-native/} beside the jar (or class folder) this class was loaded from -
 * {@code target/} in a build, the deployment folder on a device. The standard ND4J/DL4J properties
 * ({@value #JAVACPP_CACHE_PROPERTY}, {@value #DL4J_RESOURCES_PROPERTY}) win when given.
 *
 * <p>Threads: OpenMP reads {@code OMP_NUM_THREADS} when the native library loads, so the agent's launcher must
 * set it ({@link #ompThreadsForQuota}); {@link #limitThreads} is the in-process fallback.
 */
public final class Nd4jSetup {
    public static final String DIR_PROPERTY = "deepedge.nativeDir";
    public static final String DIR_ENV = "DEEPEDGE_NATIVE_DIR";
    static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    static final String DL4J_RESOURCES_PROPERTY = "org.deeplearning4j.resources.directory";
    static final String CRASH_REPORTING_PROPERTY = "org.deeplearning4j.crash.reporting.enabled";

    private static Path configured;

    private Nd4jSetup() {
    }

    /**
     * Sets the properties (once per JVM; later calls return the same folder) and creates the folders. Must run
     * before any ND4J or DL4J class initialises; every entry point of this module calls it first.
     *
     * @return the native folder in use
     */
    public static synchronized Path configure() {
        if (configured != null) {
            return configured;
        }
        Path dir = nativeDir().toAbsolutePath().normalize();
        setIfAbsent(JAVACPP_CACHE_PROPERTY, dir.resolve("javacpp").toString());
        setIfAbsent(DL4J_RESOURCES_PROPERTY, dir.resolve("dl4j").toString());
        setIfAbsent(CRASH_REPORTING_PROPERTY, "false");
        try {
            Files.createDirectories(Path.of(System.getProperty(JAVACPP_CACHE_PROPERTY)));
            // DL4J requires its resource folder to exist
            Files.createDirectories(Path.of(System.getProperty(DL4J_RESOURCES_PROPERTY)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create ND4J's native folder under " + dir + " (set -D" + DIR_PROPERTY
                    + "=DIR or " + DIR_ENV + " to a writable folder)", e);
        }
        configured = dir;
        NativeCallSafety.warnIfMissing();
        return dir;
    }

    /**
     * The {@code -D} options that give a child JVM this JVM's ND4J and DL4J folders and settings (those set here):
     * every child that runs ND4J needs them beside {@link NativeCallSafety#JVM_OPTIONS}.
     */
    public static List<String> propertyOptions() {
        List<String> options = new ArrayList<>();
        for (String property : List.of(JAVACPP_CACHE_PROPERTY, DL4J_RESOURCES_PROPERTY, CRASH_REPORTING_PROPERTY,
                DIR_PROPERTY)) {
            String value = System.getProperty(property);
            if (value != null) {
                options.add("-D" + property + "=" + value);
            }
        }
        return options;
    }

    /**
     * What a child JVM that runs ND4J needs from this one: {@link NativeCallSafety#JVM_OPTIONS}, then
     * {@link #propertyOptions()} (the agents' launcher puts options of its own between the two).
     */
    public static List<String> childJvmOptions() {
        List<String> options = new ArrayList<>(NativeCallSafety.JVM_OPTIONS);
        options.addAll(propertyOptions());
        return options;
    }

    /** OpenMP threads for a CPU quota in cores: more threads than the quota lose 30-60 % to throttling. */
    public static int ompThreadsForQuota(double cpus) {
        return Math.max(1, (int) Math.floor(cpus));
    }

    /** Caps ND4J's native threads from inside the JVM, for when {@code OMP_NUM_THREADS} could not be set. */
    public static void limitThreads(int threads) {
        configure();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    private static Path nativeDir() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return besideCode().resolve("deepedge-native");
    }

    /** The folder holding this class's jar, or the build folder above {@code target/classes}. */
    private static Path besideCode() {
        try {
            Path code = Path.of(Nd4jSetup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes -> target; target/hw-runner.jar -> target
            Path parent = code.getParent();
            return parent == null ? code : parent;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the hw-runner code lives; set -D" + DIR_PROPERTY + "=DIR", e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
