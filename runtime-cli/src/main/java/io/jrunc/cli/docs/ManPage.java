package io.jrunc.cli.docs;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One man page, section 8, in troff (the man(7) macros), from a command's picocli model: jrunc(8)
 * for the top command (global options, the list of commands), jrunc-NAME(8) for each command.
 *
 * <p>Why troff written here rather than picocli-codegen's ManPageGenerator: that one writes AsciiDoc,
 * and turning AsciiDoc into a man page needs asciidoctor (Ruby) at build time. The man(7) macros this
 * needs are few (.TH .SH .TP .B .I), the model is the same picocli model --help prints from, so the
 * pages cannot drift from the code, and the build needs nothing beyond the JDK.
 */
final class ManPage {
    private final CommandSpec spec;
    private final String version;

    ManPage(CommandSpec spec, String version) {
        this.spec = spec;
        this.version = version;
    }

    /** jrunc for the top command, jrunc-create for `jrunc create`. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    String troff() {
        boolean top = spec.parent() == null;
        String name = pageName(spec);
        StringBuilder t = new StringBuilder();
        t.append(".\\\" Generated from jrunc's picocli model by io.jrunc.cli.docs.GenerateDocs; do not edit.\n");
        t.append(".TH ").append(name.toUpperCase()).append(" 8 \"\" \"jrunc ").append(version).append("\" \"jrunc Manual\"\n");
        t.append(".SH NAME\n").append(text(name)).append(" \\- ").append(text(firstLine())).append('\n');
        t.append(".SH SYNOPSIS\n").append(".nf\n").append(text(synopsis())).append("\n.fi\n");
        t.append(".SH DESCRIPTION\n");
        for (String line : description()) t.append(text(line)).append("\n.PP\n");
        if (!top) {
            t.append("Global options (").append(text("--root, --log, --log-format, --debug, ...")).append(") go before the command: see\n")
                    .append(".BR jrunc (8).\n");
        }
        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            t.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                t.append(".TP\n.I ").append(text(p.paramLabel())).append('\n').append(text(describe(p.description()))).append('\n');
            }
        }
        t.append(top ? ".SH GLOBAL OPTIONS\n" : ".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            t.append(".TP\n").append(optionLine(o)).append('\n').append(text(describe(o.description()))).append('\n');
        }
        if (top) {
            t.append(".SH COMMANDS\n");
            for (CommandLine sub : spec.subcommands().values()) {
                CommandSpec s = sub.getCommandSpec();
                if (s.usageMessage().hidden()) continue;
                t.append(".TP\n.BR ").append(pageName(s)).append(" (8)\n")
                        .append(text(String.join(" ", s.usageMessage().description()))).append('\n');
            }
            t.append(".SH EXIT STATUS\n").append(text("0 on success; 1 on any error, with the message on stderr (and as a log line"
                    + " in the --log file when one is given). run and exec in the foreground exit with the container"
                    + " process's status (128+N when signal N killed it).")).append('\n');
        }
        t.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (top) {
            for (CommandLine sub : spec.subcommands().values()) {
                if (!sub.getCommandSpec().usageMessage().hidden()) see.add(".BR " + pageName(sub.getCommandSpec()) + " (8)");
            }
        } else {
            see.add(".BR jrunc (8)");
        }
        see.add(".BR runc (8)");
        t.append(String.join(",\n", see)).append('\n');
        return t.toString();
    }

    /** The NAME line's text: the first line of the description ("jrunc is an ..." made "an ..."). */
    private String firstLine() {
        String[] d = spec.usageMessage().description();
        String first = d.length == 0 ? spec.name() : d[0];
        String self = spec.name() + " is ";
        first = first.startsWith(self) ? first.substring(self.length()) : first;
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private List<String> description() {
        return List.of(spec.usageMessage().description());
    }

    /** picocli's own synopsis (what --help prints after "Usage: "), without colours. */
    private String synopsis() {
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        return help.synopsis(0).strip();
    }

    private static String optionLine(OptionSpec o) {
        StringBuilder b = new StringBuilder(".BR ");
        String[] names = o.names();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) b.append(" \", \" ");
            b.append(text(names[i]));
        }
        if (o.arity().max() > 0) {
            String label = o.paramLabel();
            if (o.arity().min() == 0) b.append(" \"[=\" \"\\fI").append(text(label)).append("\\fR]\"");
            else b.append(" \" \" \"\\fI").append(text(label)).append("\\fR\"");
        }
        return b.toString();
    }

    private static String describe(String[] lines) {
        return lines.length == 0 ? "" : String.join(" ", lines).replace("%n", " ");
    }

    /** Text safe for troff: backslashes escaped, minus signs as \-, no line starting a request. */
    static String text(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : e.split("\n", -1)) {
            if (!out.isEmpty()) out.append('\n');
            if (line.startsWith(".") || line.startsWith("'")) out.append("\\&");
            out.append(line);
        }
        return out.toString();
    }
}
