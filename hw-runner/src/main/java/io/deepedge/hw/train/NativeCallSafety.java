package io.deepedge.hw.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * JVM options every JVM that runs ND4J needs (agents, the coordinator, the test JVMs): they keep ND4J's
 * op executor interpreted, which keeps each op's arrays alive until its native call returns.
 *
 * <p>Why: ND4J 1.0.0-M2.1's executor reads an op's buffers (e.g. a broadcast's dimension array, which each op
 * allocates outside any workspace and only the op references) and passes their native handles to the native call;
 * once compiled, the op is no longer a root during that call (compiled frames keep only the references used later),
 * so a collection triggered by another thread lets ND4J's deallocator thread free the buffer while the native code
 * reads it. The agents crashed that way (SIGSEGV in {@code sd::TadDescriptor} or {@code sd::DataBuffer::primary}
 * under {@code execBroadcast}; upstream deeplearning4j issue 9278, same frames). An interpreted frame keeps every
 * reference local until the method returns, so excluding the executor's native-calling methods from compilation
 * (they are then not inlined either) closes the window. The {@code native-gc} bench (README "Hardware runner")
 * crashes a JVM without these options within seconds with G1 and the parallel collector alike.
 *
 * <p>Only the methods that call native code are excluded, so the executor's helpers stay compiled. Cost measured on
 * a small MLP's gradients: about 14 % (README); a convolutional model's native work dwarfs it. The CUDA executor's
 * methods are listed for the CUDA profile on the same reasoning (not run here: no GPU).
 */
public final class NativeCallSafety {
    static final String CPU_EXECUTOR = "org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner";
    static final List<String> CPU_NATIVE_CALLERS = List.of("exec", "invokeScalarAlongDimension",
            "calculateOutputShape", "tadShapeInfoAndOffsets", "executeGraph");
    static final String CUDA_EXECUTOR = "org.nd4j.linalg.jcublas.ops.executioner.CudaExecutioner";
    static final List<String> CUDA_NATIVE_CALLERS = List.of("exec", "invoke", "naiveExec", "intercept",
            "calculateOutputShape", "tadShapeInfoAndOffsets", "executeGraph");

    /** The options, in order ({@code quiet} first: it silences the JVM's echo of each command). */
    public static final List<String> JVM_OPTIONS = Stream.concat(Stream.of("-XX:CompileCommand=quiet"), Stream.concat(
            CPU_NATIVE_CALLERS.stream().map(m -> exclude(CPU_EXECUTOR, m)),
            CUDA_NATIVE_CALLERS.stream().map(m -> exclude(CUDA_EXECUTOR, m)))).toList();

    private static final System.Logger LOG = System.getLogger(NativeCallSafety.class.getName());
    private static boolean checked;

    private NativeCallSafety() {
    }

    private static String exclude(String type, String method) {
        return "-XX:CompileCommand=exclude," + type + "::" + method;
    }

    /** The options missing from a JVM's command-line arguments. */
    public static List<String> missingFrom(List<String> jvmArguments) {
        List<String> missing = new ArrayList<>(JVM_OPTIONS);
        missing.removeAll(jvmArguments);
        return missing;
    }

    /** Warns once per JVM when this JVM lacks the options (e.g. a user's own launcher): it may crash under load. */
    static synchronized void warnIfMissing() {
        if (checked) {
            return;
        }
        checked = true;
        List<String> missing = missingFrom(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!missing.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "this JVM lacks " + missing.size() + " of the options that keep ND4J's"
                    + " op arrays alive across native calls; a collection during an op may crash it (start it with "
                    + String.join(" ", JVM_OPTIONS) + ")");
        }
    }
}
