package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ProblemText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** Entry point of {@code ./deepedge}. */
@Command(name = "deepedge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep-Edge: schedule DL model updates on heterogeneous edge devices; simulate and compare policies.",
        subcommands = {SimulateCommand.class, ReportCommand.class, MergeCommand.class, PoliciesCommand.class,
                DevicesCommand.class, TraceCommand.class, AgentCommand.class, TestbedCommand.class, ProfileCommand.class, ProfileDiffCommand.class, ValidateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_INVALID = 2;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests, never exits the JVM). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        giveVersionToEverySubcommand(cli);
        ArgumentProblems.collect(cli);
        cli.setExecutionStrategy(parseResult -> execute(parseResult, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("deepedge: " + ProblemText.shortenWords(String.valueOf(ex.getMessage())));
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_INVALID;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageError usage) {
                usage.problems().forEach(p -> err.println(ProblemText.shortenWords(p)));
                return EXIT_INVALID;
            }
            err.println("deepedge: error: " + describe(ex));
            if (System.getenv("DEEPEDGE_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return EXIT_FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs the chosen command. With argument problems, a command that also validates a config receives them to
     * report everything at once; any other command reports them and exits 2.
     */
    private static int execute(CommandLine.ParseResult parseResult, PrintWriter err) {
        List<String> problems = ArgumentProblems.of(parseResult);
        if (problems.isEmpty()) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        CommandLine.ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        if (last.commandSpec().userObject() instanceof ArgumentProblems.Sink sink) {
            sink.argumentProblems(problems);
            return new CommandLine.RunLast().execute(parseResult);
        }
        problems.forEach(err::println);
        err.println("Run '" + last.commandSpec().qualifiedName() + " --help' for usage.");
        return EXIT_INVALID;
    }

    /** {@code -V/--version} works after any command, e.g. {@code deepedge simulate --version}. */
    private static void giveVersionToEverySubcommand(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
            giveVersionToEverySubcommand(sub);
        }
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("deepedge: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_INVALID;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"deepedge " + (v == null ? "dev" : v)};
        }
    }
}
