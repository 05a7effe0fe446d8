package io.deepedge.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line problems collected by the parser (instead of stopping at the first), as
 * {@code OPTION: what (value), expected ...} lines, so that a command can report them together with the
 * problems of its config file.
 */
final class ArgumentProblems {
    /** A command that validates more than its arguments and reports parse problems along with its own. */
    interface Sink {
        void argumentProblems(List<String> problems);
    }

    private ArgumentProblems() {
    }

    /** Every parse problem of the command and its chosen subcommands, in order, each once. */
    static List<String> of(ParseResult parseResult) {
        List<String> lines = new ArrayList<>();
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            String command = level.commandSpec().qualifiedName();
            level.errors().stream().map(e -> line(e, command)).filter(l -> !lines.contains(l)).forEach(lines::add);
        }
        return lines;
    }

    /**
     * Parse problems are collected for the command and every subcommand below it, and numbers out of their
     * type's range are named with the range.
     */
    static void collect(CommandLine command) {
        command.getCommandSpec().parser().collectErrors(true);
        command.registerConverter(Long.class, v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE));
        command.registerConverter(long.class, v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE));
        command.registerConverter(Integer.class, v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        command.registerConverter(int.class, v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        command.registerConverter(Double.class, ArgumentProblems::real);
        command.registerConverter(double.class, ArgumentProblems::real);
        command.getSubcommands().values().forEach(ArgumentProblems::collect);
    }

    private static long whole(String value, long min, long max) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("not a whole number in range (" + shorten(value)
                + "), expected an integer from " + min + " to " + max);
    }

    private static double real(String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("not a finite number (" + shorten(value)
                + "), expected a decimal number such as 2.5");
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    private static String line(Exception e, String command) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = shorten(unmatched.getUnmatched().get(0));
            return first.startsWith("-")
                    ? first + ": unknown option (" + first + "), expected an option of '" + command + " --help'"
                    : command + ": unexpected argument (" + first + "), expected the arguments of '" + command + " --help'";
        }
        if (e instanceof CommandLine.ParameterException pe && pe.getArgSpec() != null) {
            return name(pe.getArgSpec()) + ": " + withoutPrefix(message);
        }
        return message;
    }

    private static String name(ArgSpec spec) {
        if (spec instanceof OptionSpec option) {
            return option.longestName();
        }
        return ((PositionalParamSpec) spec).paramLabel();
    }

    /** picocli says "Invalid value for option '--seed': ..." ; the line already starts with the option. */
    private static String withoutPrefix(String message) {
        int colon = message.indexOf("': ");
        return message.startsWith("Invalid value for") && colon > 0 ? message.substring(colon + 3) : message;
    }
}
