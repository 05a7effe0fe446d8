package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every command's {@code --help} text is a format string to picocli: a lone {@code %} ("95 % CI") makes it print a
 * "Could not format" warning above the usage and the raw text. Each text as written is formatted here as picocli does
 * (no arguments, its variables put in), for every command, option and parameter.
 */
class HelpTextTest {
    @Test
    void everyHelpTextFormatsWithoutALonePercentSign() {
        List<String> broken = new ArrayList<>();
        collect(new CommandLine(new Main()), broken);
        assertEquals(List.of(), broken, "help texts picocli cannot format (write % as %%)");
    }

    /**
     * The check itself: the validate command's own texts before the fix ("95 % CI") were refused; here a command
     * written the same way, and one with the per cent doubled, so the check is seen to fail where picocli does.
     */
    @Test
    void aLonePercentSignIsCaughtInACommandAndInAnOption() {
        List<String> broken = new ArrayList<>();
        collect(new CommandLine(new LonePercent()), broken);
        assertEquals(List.of("lone: both sides' 95 % CI", "lone: a line each 10 %, then ${DEFAULT-VALUE}"), broken);
        broken.clear();
        collect(new CommandLine(new DoubledPercent()), broken);
        assertEquals(List.of(), broken);
    }

    @Command(name = "lone", description = "both sides' 95 % CI")
    static final class LonePercent {
        @Option(names = "--every", description = "a line each 10 %, then ${DEFAULT-VALUE}")
        int every = 10;
    }

    @Command(name = "doubled", description = "both sides' 95 %% CI%n")
    static final class DoubledPercent {
        @Option(names = "--every", description = "a line each 10 %%, then ${DEFAULT-VALUE}")
        int every = 10;
    }

    /**
     * The texts as written in the annotations: picocli formats them (after putting in its variables, such as the
     * default value), so a spec's own getters, which may give them formatted already, cannot tell "%%" from "%".
     */
    private static void collect(CommandLine command, List<String> broken) {
        CommandSpec spec = command.getCommandSpec();
        List<String> texts = new ArrayList<>();
        Command c = spec.userObject().getClass().getAnnotation(Command.class);
        if (c == null) {
            broken.add(spec.qualifiedName() + ": no @Command annotation to read its texts from");
        } else {
            texts.addAll(List.of(c.description()));
            texts.addAll(List.of(c.header()));
            texts.addAll(List.of(c.footer()));
            texts.addAll(List.of(c.exitCodeList()));
            texts.add(c.exitCodeListHeading());
        }
        for (ArgSpec arg : spec.args()) {
            String[] written = arg.userObject() instanceof AnnotatedElement e ? annotated(e) : null;
            if (written == null) {
                broken.add(spec.qualifiedName() + ": " + arg + " has no @Option or @Parameters to read");
            } else {
                texts.addAll(List.of(written));
            }
        }
        for (String text : texts) {
            try {
                String.format(Locale.ROOT, text.replaceAll("\\$\\{[^}]*}", "x"));
            } catch (IllegalFormatException e) {
                broken.add(spec.qualifiedName() + ": " + text);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            collect(sub, broken);
        }
    }

    private static String[] annotated(AnnotatedElement e) {
        Option option = e.getAnnotation(Option.class);
        if (option != null) {
            return option.description();
        }
        Parameters parameters = e.getAnnotation(Parameters.class);
        return parameters == null ? null : parameters.description();
    }
}
