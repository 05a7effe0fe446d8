package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ProfileFileReader;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfileDrift;
import io.deepedge.traces.TraceException;
import io.deepedge.traces.TraceProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code deepedge profile-diff BEFORE AFTER}: how far two profile files of the same devices lie apart, figure by
 * figure (e.g. one measured before a testbed run and one after it). Reads only; prints a table, or CSV.
 */
@Command(name = "profile-diff", mixinStandardHelpOptions = true,
        description = {"Compare two profile files written by 'profile' for the same devices: per device and measured "
                + "figure (training throughput at each profiled batch, each service's mean, cv, capacity and CPU "
                + "time, the agent's idle CPU, round overhead and coordination, LC hop, shard load, collector "
                + "pauses) the value in each and the relative change, AFTER against BEFORE.",
                "Prints a table and the largest change; --csv prints device,figure,before,after,rel_change instead."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:a file is not a readable profile file, or the two have no device in common"})
public final class ProfileDiffCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "the earlier profile file")
    private Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "the later profile file")
    private Path after;

    @Option(names = "--csv", description = "print CSV (device,figure,before,after,rel_change) instead of the table")
    private boolean csv;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        Optional<Profile> b = read(before, "BEFORE", problems);
        Optional<Profile> a = read(after, "AFTER", problems);
        ProfileDrift drift = null;
        if (b.isPresent() && a.isPresent()) {
            drift = ProfileDrift.between(b.get(), a.get());
            if (drift.rows().isEmpty()) {
                problems.add("AFTER: no device in common with BEFORE (" + after + ": " + names(a.get()) + "; "
                        + before + ": " + names(b.get()) + "), expected profiles of the same devices");
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv) {
            out.println("device,figure,before,after,rel_change");
            for (ProfileDrift.Row r : drift.rows()) {
                out.println(r.device() + "," + r.figure() + "," + r.before() + "," + r.after() + ","
                        + (r.relChange().isPresent() ? String.valueOf(r.relChange().getAsDouble()) : ""));
            }
        } else {
            table(out, b.get(), a.get(), drift);
        }
        return Main.EXIT_OK;
    }

    private void table(PrintWriter out, Profile b, Profile a, ProfileDrift drift) {
        out.printf("profile drift: %s (%s) against %s (%s)%n", after, a.date(), before, b.date());
        out.printf(Locale.ROOT, "%-10s %-32s %14s %14s %10s%n", "device", "figure", "before", "after", "change");
        for (ProfileDrift.Row r : drift.rows()) {
            out.printf(Locale.ROOT, "%-10s %-32s %14.6g %14.6g %10s%n", r.device(), r.figure(), r.before(), r.after(),
                    percent(r));
        }
        drift.largest().ifPresent(r -> out.printf(Locale.ROOT, "largest change: %s %s %s%n", r.device(), r.figure(),
                percent(r)));
        if (!drift.onlyBefore().isEmpty()) {
            out.println("only in BEFORE (not compared): " + String.join(", ", drift.onlyBefore()));
        }
        if (!drift.onlyAfter().isEmpty()) {
            out.println("only in AFTER (not compared): " + String.join(", ", drift.onlyAfter()));
        }
    }

    private static String percent(ProfileDrift.Row r) {
        return r.relChange().isPresent() ? String.format(Locale.ROOT, "%+.1f %%", 100 * r.relChange().getAsDouble())
                : "n/a";
    }

    private static Optional<Profile> read(Path file, String what, List<String> problems) {
        try {
            return Optional.of(ProfileFileReader.read(file, file.toString()));
        } catch (TraceException e) {
            for (TraceProblem p : e.problems()) {
                problems.add(what + ": " + p.format());
            }
            return Optional.empty();
        }
    }

    private static String names(Profile p) {
        return String.join(", ", p.devices().stream().map(d -> d.name()).toList());
    }
}
