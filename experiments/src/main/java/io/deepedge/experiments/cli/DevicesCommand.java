package io.deepedge.experiments.cli;

import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.CatalogModel;
import io.deepedge.models.catalog.DeviceType;
import io.deepedge.models.catalog.Figure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code deepedge devices}: the device catalog with the source and kind of every figure. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the device catalog (the 'type' values of a config) and the catalog models.",
                "Every figure carries its kind: measured, measured-derived, vendor or estimate."})
public final class DevicesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--sources", description = "print every figure with its source and derivation")
    private boolean sources;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (DeviceType t : Catalog.get().types()) {
            out.printf("%s  (%s)  memory %.0f MiB%n", t.id(), t.name(), t.memoryMiB());
            for (Map.Entry<String, Double> m : t.trainableModels().entrySet()) {
                out.printf("    train %-13s %8.1f samples/s  [%s]%n", m.getKey(), m.getValue(),
                        kind(t, "trainSamplesPerSec." + m.getKey()));
            }
            t.inferenceMs("resnet-50").ifPresent(ms -> out.printf("    infer %-13s %8.3f ms         [%s]%n",
                    "resnet-50", ms, kind(t, "inferenceMs.resnet-50")));
            out.printf("    interference: service x%.2f, training x%.2f  [%s]%n", t.serviceSlowdown(),
                    t.trainingSlowdown(), kind(t, "serviceSlowdown"));
            if (sources) {
                for (Figure f : t.figures()) {
                    out.printf("      %s = %s %s  (%s; %s; %s)%n", f.quantity(), f.value(), f.unit(), f.kind(),
                            f.source(), f.derivation());
                }
            }
        }
        out.println();
        out.println("models:");
        for (CatalogModel m : Catalog.get().models()) {
            out.printf("  %-13s %,12d parameters  %,12d bytes on the wire  %,8d bytes/sample   (%s)%n", m.id(),
                    m.parameters(), m.parameterBytes(), m.sampleBytes(), m.source());
        }
        if (!sources) {
            out.println();
            out.println("Run 'deepedge devices --sources' for the source of every figure.");
        }
        return Main.EXIT_OK;
    }

    private static String kind(DeviceType t, String quantity) {
        return t.figures().stream().filter(f -> f.quantity().equals(quantity)).map(Figure::kind).findFirst().orElse("-");
    }
}
