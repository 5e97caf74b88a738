package io.jrunc.core.compile.seccomp;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.seccomp.SeccompNames.Action;
import io.jrunc.spec.Seccomp;
import io.jrunc.spec.SeccompArg;
import io.jrunc.spec.SeccompSyscall;
import io.jrunc.sys.seccomp.ArgCmp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * linux.seccomp checked and translated into libseccomp's values, before the library is touched:
 * every name error is found here, naming its field. The semantics are runc's (specconv's
 * SetupSeccomp and seccomp's matchCall), with runtime-spec's MUSTs where runc is laxer.
 *
 * @param architectures the spec's names (SCMP_ARCH_*), in order
 * @param flags seccomp(2) flags, SECCOMP_FILTER_FLAG_NEW_LISTENER included when a rule notifies
 * @param rules the rules to add, one per syscall name (and per condition where conditions share an argument)
 * @param names every syscall name the profile mentions, even in rules left out: they bound the -ENOSYS stub
 * @param listenerPath absolute host path of the agent's socket, or null
 */
record SeccompProfile(Action defaultAction, int defaultValue, List<String> architectures,
                      int flags, List<Rule> rules, Set<String> names, String listenerPath, String listenerMetadata) {

    /** One seccomp_rule_add_array call: all its conditions must hold. */
    record Rule(String path, String syscall, int value, List<ArgCmp> conditions) {}

    public static final String BASE = "linux.seccomp";
    /** sun_path holds 108 bytes with the terminating NUL. */
    private static final int SUN_PATH_MAX = 107;

    boolean notifies() {
        return (flags & SeccompNames.FLAG_NEW_LISTENER) != 0;
    }

    public static SeccompProfile of(Seccomp s, Path bundle) throws ConfigException {
        Action defaultAction = action(s.defaultAction(), BASE + ".defaultAction");
        if (defaultAction == Action.NOTIFY) {
            // Every syscall of the init, including the one that hands the notify fd over, would wait
            // for an agent that has no fd yet (runc refuses it for the same reason).
            throw new ConfigException(BASE + ".defaultAction", "SCMP_ACT_NOTIFY cannot be the default action");
        }
        Integer defaultErrnoRet = errnoRet(defaultAction, s.defaultErrnoRet(), BASE + ".defaultErrnoRet");
        int defaultValue = defaultAction.value(defaultErrnoRet);

        List<String> architectures = s.architectures() == null ? List.of() : s.architectures();
        for (int i = 0; i < architectures.size(); i++) {
            if (!SeccompNames.ARCHITECTURES.contains(architectures.get(i))) {
                throw new ConfigException(BASE + ".architectures[" + i + "]", "unknown architecture \"" + architectures.get(i) + "\"");
            }
        }

        List<Rule> rules = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        boolean notify = false;
        List<SeccompSyscall> syscalls = s.syscalls() == null ? List.of() : s.syscalls();
        for (int i = 0; i < syscalls.size(); i++) {
            notify |= rules(syscalls.get(i), BASE + ".syscalls[" + i + "]", defaultValue, rules, names);
        }

        int flags = flags(s.flags(), notify);
        String listenerPath = listener(s, notify, bundle);
        return new SeccompProfile(defaultAction, defaultValue, architectures, flags, rules, names,
                listenerPath, s.listenerMetadata());
    }

    /** The rules of one syscalls[] entry; true when its action is NOTIFY. */
    private static boolean rules(SeccompSyscall entry, String path, int defaultValue, List<Rule> rules, Set<String> names)
            throws ConfigException {
        Action action = action(entry.action(), path + ".action");
        Integer ret = errnoRet(action, entry.errnoRet(), path + ".errnoRet");
        int value = action.value(ret);
        List<ArgCmp> conditions = conditions(entry.args(), path + ".args");
        List<String> entryNames = entry.names() == null ? List.of() : entry.names();
        if (entryNames.isEmpty()) throw new ConfigException(path + ".names", "must name at least one syscall");
        for (int j = 0; j < entryNames.size(); j++) {
            String name = entryNames.get(j);
            if (name == null || name.isEmpty()) throw new ConfigException(path + ".names[" + j + "]", "empty syscall name");
            names.add(name);
            if (action == Action.NOTIFY && name.equals("sendmsg")) {
                // jrunc-init hands the notify fd to the agent with sendmsg right after loading the
                // filter: notifying it would wait forever for an agent that has no fd yet.
                throw new ConfigException(path + ".names[" + j + "]",
                        "SCMP_ACT_NOTIFY cannot be used for sendmsg (jrunc sends the notify fd with it)");
            }
            // A rule with the default action changes nothing and libseccomp refuses it: runc skips it.
            if (value == defaultValue) continue;
            if (sharesAnArgument(conditions)) {
                // libseccomp ANDs a rule's conditions, and two on one argument would contradict
                // each other: runc then adds one rule per condition (so they OR), and so do we.
                for (ArgCmp c : conditions) rules.add(new Rule(path, name, value, List.of(c)));
            } else {
                rules.add(new Rule(path, name, value, conditions));
            }
        }
        return action == Action.NOTIFY;
    }

    private static List<ArgCmp> conditions(List<SeccompArg> args, String path) throws ConfigException {
        List<ArgCmp> out = new ArrayList<>();
        if (args == null) return out;
        for (int k = 0; k < args.size(); k++) {
            SeccompArg a = args.get(k);
            // The field's path is only built for an error: a valid profile's conditions need none of it.
            if (a.index() < 0 || a.index() > 5) {
                throw new ConfigException(path + "[" + k + "].index", "must be between 0 and 5, not " + a.index());
            }
            Integer op = SeccompNames.OPERATORS.get(a.op());
            if (op == null) throw new ConfigException(path + "[" + k + "].op", "unknown operator \"" + a.op() + "\"");
            out.add(new ArgCmp(a.index(), op, a.value(), a.valueTwo() == null ? 0 : a.valueTwo()));
        }
        return out;
    }

    private static boolean sharesAnArgument(List<ArgCmp> conditions) {
        boolean[] seen = new boolean[6];
        for (ArgCmp c : conditions) {
            if (seen[c.arg()]) return true;
            seen[c.arg()] = true;
        }
        return false;
    }

    private static Action action(String name, String path) throws ConfigException {
        Action a = name == null ? null : SeccompNames.ACTIONS.get(name);
        if (a == null) throw new ConfigException(path, name == null ? "is required" : "unknown action \"" + name + "\"");
        return a;
    }

    /** runtime-spec: an errnoRet for an action that takes none is an error; the value must fit libseccomp's 16 bits. */
    private static Integer errnoRet(Action action, Integer errnoRet, String path) throws ConfigException {
        if (errnoRet == null) return null;
        if (!action.takesErrno()) {
            throw new ConfigException(path, "is only for SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not " + action.name());
        }
        if (errnoRet < 0 || errnoRet > 0xffff) throw new ConfigException(path, "must be between 0 and 65535, not " + errnoRet);
        return errnoRet;
    }

    /**
     * seccomp(2) flags. No {@code flags} at all means SPEC_ALLOW, runc's default (an explicit empty
     * list means none). TSYNC is accepted and ignored as runc does: jrunc-init has one thread, and
     * TSYNC would make SECCOMP_FILTER_FLAG_NEW_LISTENER fail.
     */
    private static int flags(List<String> names, boolean notify) throws ConfigException {
        int flags = 0;
        if (names == null) {
            flags = SeccompNames.FLAG_SPEC_ALLOW;
        } else {
            for (int i = 0; i < names.size(); i++) {
                Integer f = SeccompNames.FLAGS.get(names.get(i));
                if (f == null) throw new ConfigException(BASE + ".flags[" + i + "]", "unknown flag \"" + names.get(i) + "\"");
                if (f == SeccompNames.FLAG_WAIT_KILLABLE_RECV && !notify) {
                    throw new ConfigException(BASE + ".flags[" + i + "]",
                            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs a rule with SCMP_ACT_NOTIFY");
                }
                if (f != SeccompNames.FLAG_TSYNC) flags |= f;
            }
        }
        if (notify) flags |= SeccompNames.FLAG_NEW_LISTENER;
        return flags;
    }

    /** listenerPath, absolute (runc runs in the bundle, so a relative one is the bundle's). */
    private static String listener(Seccomp s, boolean notify, Path bundle) throws ConfigException {
        String path = s.listenerPath();
        boolean set = path != null && !path.isEmpty();
        if (!set && s.listenerMetadata() != null && !s.listenerMetadata().isEmpty()) {
            throw new ConfigException(BASE + ".listenerMetadata", "must not be set without linux.seccomp.listenerPath");
        }
        if (!notify) return null;
        if (!set) throw new ConfigException(BASE + ".listenerPath", "is required when a rule uses SCMP_ACT_NOTIFY");
        String absolute = bundle.resolve(path).normalize().toString();
        if (absolute.getBytes(StandardCharsets.UTF_8).length > SUN_PATH_MAX) {
            throw new ConfigException(BASE + ".listenerPath", "\"" + absolute + "\" is longer than a unix socket path can be ("
                    + SUN_PATH_MAX + " bytes)");
        }
        return absolute;
    }
}
