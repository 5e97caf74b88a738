package io.jrunc.core.compile.process;

import io.jrunc.core.ConfigException;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Rlimit;
import io.jrunc.spec.User;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process part of the plan: rlimits, groups and ids (gid before uid, while we may still
 * change it), umask, cwd, and the executable's lookup in the container's PATH; their order with
 * the seccomp filter is {@code compile.ProcessSetup}'s. The HOME variable is
 * added from the container's /etc/passwd when the config does not set it, as runc does.
 */
public final class ProcessCompiler {
    static final Map<String, Integer> RLIMITS = Map.ofEntries(
            Map.entry("RLIMIT_CPU", 0), Map.entry("RLIMIT_FSIZE", 1), Map.entry("RLIMIT_DATA", 2),
            Map.entry("RLIMIT_STACK", 3), Map.entry("RLIMIT_CORE", 4), Map.entry("RLIMIT_RSS", 5),
            Map.entry("RLIMIT_NPROC", 6), Map.entry("RLIMIT_NOFILE", 7), Map.entry("RLIMIT_MEMLOCK", 8),
            Map.entry("RLIMIT_AS", 9), Map.entry("RLIMIT_LOCKS", 10), Map.entry("RLIMIT_SIGPENDING", 11),
            Map.entry("RLIMIT_MSGQUEUE", 12), Map.entry("RLIMIT_NICE", 13), Map.entry("RLIMIT_RTPRIO", 14),
            Map.entry("RLIMIT_RTTIME", 15));

    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ProcessCompiler() {}

    public static void rlimits(List<Rlimit> rlimits, List<Op> ops) throws ConfigException {
        for (int i = 0; i < rlimits.size(); i++) {
            Rlimit r = rlimits.get(i);
            String path = "process.rlimits[" + i + "]";
            Integer resource = RLIMITS.get(r.type());
            if (resource == null) throw new ConfigException(path + ".type", "unknown rlimit \"" + r.type() + "\"");
            ops.add(new Op.SetRlimit(Origin.of(path, r.type()), resource, r.soft(), r.hard()));
        }
    }

    /**
     * Groups, gid and umask: before the seccomp filter (they need no capability the filter needs, and
     * the lookups that follow are checked with them). The uid comes later ({@link #uid}).
     *
     * @param setgroups false where setgroups(2) is denied (a rootless user namespace): the groups stay as they are
     */
    public static void groups(User user, boolean setgroups, List<Op> ops) {
        List<Long> groups = user.additionalGids() == null ? List.of() : user.additionalGids();
        if (setgroups) ops.add(new Op.SetGroups(Origin.of("process.user.additionalGids"), groups));
        ops.add(new Op.SetResGid(Origin.of("process.user.gid", Long.toString(user.gid())), user.gid()));
        int umask = user.umask() == null ? 0022 : (int) (long) user.umask();
        ops.add(new Op.Umask(Origin.of("process.user.umask"), umask));
    }

    /** The uid switch, which drops CAP_SYS_ADMIN (the filter without no_new_privs goes before it). */
    public static void uid(User user, List<Op> ops) {
        ops.add(new Op.SetResUid(Origin.of("process.user.uid", Long.toString(user.uid())), user.uid()));
    }

    /** The env the process gets: the config's, plus HOME from the container's passwd when missing. */
    public static List<String> environment(List<String> env, long uid, List<String> passwd) {
        List<String> out = new ArrayList<>(env == null ? List.of() : env);
        if (out.stream().noneMatch(e -> e.startsWith("HOME="))) out.add("HOME=" + home(uid, passwd));
        return out;
    }

    private static String home(long uid, List<String> passwd) {
        for (String line : passwd) {
            String[] f = line.split(":");
            if (f.length >= 6 && f[2].equals(Long.toString(uid))) return f[5];
        }
        return "/";
    }

    /** The PATH the executable is looked up in: the process's own, else execvp's default. */
    public static String searchPath(List<String> env) {
        for (String e : env) if (e.startsWith("PATH=")) return e.substring(5);
        return DEFAULT_PATH;
    }

    public static String cwd(String cwd) throws ConfigException {
        if (cwd == null || cwd.isEmpty()) return "/";
        if (!cwd.startsWith("/")) throw new ConfigException("process.cwd", "must be an absolute path, not \"" + cwd + "\"");
        return Path.of(cwd).normalize().toString();
    }
}
