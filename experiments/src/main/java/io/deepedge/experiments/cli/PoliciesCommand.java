package io.deepedge.experiments.cli;

import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code deepedge policies}: the registered policy ids, the keys a config's {@code policies} list takes. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "List the registered scheduling policies.")
public final class PoliciesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = PolicyRegistry.ids().stream().mapToInt(String::length).max().orElse(0);
        for (SchedulingPolicy p : PolicyRegistry.all()) {
            out.printf("%-" + width + "s  %s%n", p.id(), p.description());
        }
        return Main.EXIT_OK;
    }
}
