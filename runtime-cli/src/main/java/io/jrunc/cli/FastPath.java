package io.jrunc.cli;

import io.jrunc.core.lifecycle.Call;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The hot commands engines send (create, start, state, kill, delete, exec, and run for CI jobs), parsed
 * without picocli. Building picocli's model reads every command's annotations by reflection and
 * loads picocli itself, whose Java 5 class files the JDK's AOT cache cannot hold: measured here it
 * was most of a `state` (docs/performance.md). Engines only ever send a few exact shapes (containerd's
 * runc shim, as Docker 20.10 drives it: `--root R --log F --log-format json create --bundle B
 * --pid-file P [--console-socket S] ID`, `start ID`, `kill ID 15`, `delete [--force] ID`,
 * `exec --process FILE --detach --pid-file P [--console-socket S] ID`), so those are parsed here into
 * the very command objects picocli would fill, and run the same way.
 *
 * <p>Anything else — help, --version, --debug, an unknown or repeated flag, a missing or extra
 * argument, a value that looks like a flag, a command not listed here — returns null and goes to
 * picocli, which then gives its usual answer or error. So this parser only has to be right for
 * what it accepts; {@code FastPathTest} checks it fills every field as picocli does.
 */
final class FastPath {
    private FastPath() {}

    /** A parsed command line: the global options and the command, ready to call. */
    record Parsed(JruncCommand top, Callable<Integer> command) {}

    /** The command, ready to call, or null when picocli must parse these arguments. */
    static Parsed parse(String[] args, Call call) {
        try {
            return parseOrNull(args, call);
        } catch (RuntimeException e) {
            // e.g. a path picocli would refuse with its own message: let it.
            return null;
        }
    }

    private static Parsed parseOrNull(String[] args, Call call) {
        JruncCommand top = new JruncCommand();
        top.call = call;
        top.logFormat = "text";
        int i = 0;
        Set<String> seen = new HashSet<>();
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String[] nv = split(args[i]);
            if (!seen.add(nv[0])) return null;
            switch (nv[0]) {
                case "--systemd-cgroup" -> {
                    if (nv[1] != null) return null;
                    top.systemdCgroup = true;
                }
                case "--rootless" -> {
                    // Bare --rootless takes an optional value: leave that ambiguity to picocli.
                    if (nv[1] == null) return null;
                    top.rootless = nv[1];
                }
                case "--root", "--log", "--log-format" -> {
                    String v = nv[1];
                    if (v == null) {
                        if (++i >= args.length || args[i].startsWith("-")) return null;
                        v = args[i];
                    }
                    switch (nv[0]) {
                        case "--root" -> top.root = v;
                        case "--log" -> top.logFile = v;
                        default -> top.logFormat = v;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (i >= args.length) return null;
        Command c = Command.of(args[i]);
        if (c == null) return null;
        Callable<Integer> command = c.parse(top, args, i + 1, call);
        return command == null ? null : new Parsed(top, command);
    }

    /** {@code --name=value} into {name, value}; {@code --name} into {name, null}. */
    private static String[] split(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? new String[] {arg, null} : new String[] {arg.substring(0, eq), arg.substring(eq + 1)};
    }

    /** One hot command: the flags it takes (each with or without a value) and how many positionals. */
    private enum Command {
        CREATE("create", 1, 1), RUN("run", 1, 1), START("start", 1, 1), STATE("state", 1, 1),
        KILL("kill", 1, 2), DELETE("delete", 1, 1),
        /** `exec [--process FILE] [--detach] [--pid-file F] [--console-socket S] ID [COMMAND...]`. */
        EXEC("exec", 1, 1);

        final String name;
        final int minArgs;
        final int maxArgs;

        Command(String name, int minArgs, int maxArgs) {
            this.name = name;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        static Command of(String name) {
            for (Command c : values()) if (c.name.equals(name)) return c;
            return null;
        }

        Callable<Integer> parse(JruncCommand top, String[] args, int from, Call call) {
            Flags flags = new Flags();
            String[] positionals = new String[maxArgs];
            int n = 0;
            Set<String> seen = new HashSet<>();
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("-") || a.equals("-")) {
                    if (n == maxArgs) return null;
                    if (this == EXEC) {
                        // exec's options end at the container id (runc, Go's flag package): all that
                        // follows is the command, flags of its own included.
                        positionals[n++] = a;
                        flags.command = new ArrayList<>(List.of(args).subList(i + 1, args.length));
                        break;
                    }
                    positionals[n++] = a;
                    continue;
                }
                String[] nv = split(a);
                String name = canonical(nv[0]);
                if (name == null || !seen.add(name)) return null;
                if (takesValue(name)) {
                    String v = nv[1];
                    if (v == null) {
                        if (++i >= args.length || args[i].startsWith("-")) return null;
                        v = args[i];
                    }
                    if (!flags.set(name, v)) return null;
                } else {
                    if (nv[1] != null) return null;
                    flags.set(name, null);
                }
            }
            // exec without a process file or a command: picocli's error.
            if (n < minArgs || (this == EXEC && flags.process == null && flags.command.isEmpty())) return null;
            return build(top, flags, positionals, call);
        }

        /** The long name of a flag this command takes, or null. */
        private String canonical(String flag) {
            return switch (this) {
                case CREATE, RUN -> switch (flag) {
                    case "-b", "--bundle" -> "--bundle";
                    case "--pid-file", "--console-socket", "--no-pivot", "--no-new-keyring", "--preserve-fds" -> flag;
                    case "-d", "--detach" -> this == RUN ? "--detach" : null;
                    default -> null;
                };
                case KILL -> flag.equals("-a") || flag.equals("--all") ? "--all" : null;
                case DELETE -> flag.equals("-f") || flag.equals("--force") ? "--force" : null;
                case EXEC -> switch (flag) {
                    case "-p", "--process" -> "--process";
                    case "-d", "--detach" -> "--detach";
                    case "--pid-file", "--console-socket" -> flag;
                    default -> null;
                };
                case START, STATE -> null;
            };
        }

        private static boolean takesValue(String name) {
            return switch (name) {
                case "--bundle", "--pid-file", "--console-socket", "--preserve-fds", "--process" -> true;
                default -> false;
            };
        }

        private Callable<Integer> build(JruncCommand top, Flags f, String[] p, Call call) {
            return switch (this) {
                case CREATE -> {
                    CreateCommand c = new CreateCommand();
                    c.parent = top;
                    c.flags = f.createFlags(p[0], call);
                    yield c;
                }
                case RUN -> {
                    RunCommand c = new RunCommand();
                    c.parent = top;
                    c.flags = f.createFlags(p[0], call);
                    c.detach = f.detach;
                    yield c;
                }
                case START -> {
                    StartCommand c = new StartCommand();
                    c.parent = top;
                    c.id = p[0];
                    yield c;
                }
                case STATE -> {
                    StateCommand c = new StateCommand();
                    c.parent = top;
                    c.id = p[0];
                    yield c;
                }
                case KILL -> {
                    KillCommand c = new KillCommand();
                    c.parent = top;
                    c.id = p[0];
                    c.signal = p[1] == null ? "SIGTERM" : p[1];
                    c.all = f.all;
                    yield c;
                }
                case EXEC -> {
                    ExecCommand c = new ExecCommand();
                    c.parent = top;
                    c.id = p[0];
                    c.process = f.process == null ? null : call.resolve(f.process);
                    c.command = f.command;
                    c.detach = f.detach;
                    c.pidFile = f.pidFile == null ? null : call.resolve(f.pidFile);
                    c.consoleSocket = f.consoleSocket;
                    yield c;
                }
                case DELETE -> {
                    DeleteCommand c = new DeleteCommand();
                    c.parent = top;
                    c.id = p[0];
                    c.force = f.force;
                    yield c;
                }
            };
        }
    }

    /** The flags seen after the command name. */
    private static final class Flags {
        String bundle;
        String process;
        List<String> command = new ArrayList<>();
        String pidFile;
        String consoleSocket;
        boolean noPivot;
        boolean noNewKeyring;
        int preserveFds;
        boolean detach;
        boolean all;
        boolean force;

        /** False for a value picocli would refuse or read differently (then picocli gets the arguments). */
        boolean set(String name, String value) {
            switch (name) {
                case "--bundle" -> bundle = value;
                case "--process" -> process = value;
                case "--pid-file" -> pidFile = value;
                case "--console-socket" -> consoleSocket = value;
                case "--no-pivot" -> noPivot = true;
                case "--no-new-keyring" -> noNewKeyring = true;
                case "--detach" -> detach = true;
                case "--all" -> all = true;
                case "--force" -> force = true;
                case "--preserve-fds" -> {
                    if (value.isEmpty() || value.length() > 9) return false;
                    for (int i = 0; i < value.length(); i++) if (value.charAt(i) < '0' || value.charAt(i) > '9') return false;
                    preserveFds = Integer.parseInt(value);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Paths resolved against the caller's cwd, as CommandModel's converter does for picocli. */
        CreateFlags createFlags(String id, Call call) {
            CreateFlags c = new CreateFlags();
            c.id = id;
            c.bundle = bundle == null ? null : call.resolve(bundle);
            c.pidFile = pidFile == null ? null : call.resolve(pidFile);
            c.consoleSocket = consoleSocket;
            c.noPivot = noPivot;
            c.noNewKeyring = noNewKeyring;
            c.preserveFds = preserveFds;
            return c;
        }
    }
}
