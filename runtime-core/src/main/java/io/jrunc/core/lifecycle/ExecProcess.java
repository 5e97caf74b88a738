package io.jrunc.core.lifecycle;

import io.jrunc.core.ConfigException;
import io.jrunc.core.JruncException;
import io.jrunc.spec.Capabilities;
import io.jrunc.spec.Process;
import io.jrunc.spec.SpecException;
import io.jrunc.spec.SpecJson;
import io.jrunc.spec.SpecValidator;
import io.jrunc.spec.User;
import io.jrunc.spec.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process `exec` starts, by runc 1.1's rules (its getProcess and newInitConfig):
 * <ul>
 * <li>with {@code --process FILE}: that document, parsed and validated like config.json's process
 *     (errors name {@code process.args}, {@code process.user.uid}, ...); what it leaves out is the
 *     container's: capabilities, rlimits, noNewPrivileges, apparmorProfile, selinuxLabel; oomScoreAdj
 *     is always the container's;</li>
 * <li>without: the container's config.json process, with the command's args, and --cwd, --env
 *     (appended), --user, --additional-gids (appended), --cap (added to the sets runc adds it to), --no-new-privs,
 *     --apparmor, --process-label, and a terminal only with --tty.</li>
 * </ul>
 * The container's seccomp profile always applies, as in runc: a process document has no seccomp
 * member; its noNewPrivileges only decides where the filter is loaded.
 * The environment is then made unique by name, the last value winning at the first place, as runc's
 * init does when it loads it into its own environment before execve.
 */
final class ExecProcess {
    private ExecProcess() {}

    static Process of(ExecOptions o, Process container) throws JruncException {
        Process p = o.processFile() != null ? inherit(read(o), container) : fromFlags(o, container);
        List<Violation> problems = SpecValidator.validateProcess(p);
        if (!problems.isEmpty()) {
            Violation first = problems.getFirst();
            throw new ConfigException(first.path().isEmpty() ? "process" : "process." + first.path(), first.message());
        }
        return withEnv(p, uniqueEnv(p.env()));
    }

    private static Process read(ExecOptions o) throws JruncException {
        String name = o.processFile().toString();
        byte[] json;
        try {
            json = Files.readAllBytes(o.processFile());
        } catch (NoSuchFileException e) {
            throw new JruncException("--process: open " + name + ": no such file or directory", e);
        } catch (IOException e) {
            throw new JruncException("--process: read " + name + ": " + e.getMessage(), e);
        }
        try {
            return SpecJson.parseProcess(json);
        } catch (SpecException e) {
            String at = e.path().isEmpty() ? "" : "process." + e.path() + ": ";
            throw new JruncException(name + ": " + at + e.detail(), e);
        }
    }

    /** What the document does not say, the container decides (runc's newInitConfig). */
    static Process inherit(Process p, Process c) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities() != null ? p.capabilities() : c.capabilities(),
                p.rlimits() != null && !p.rlimits().isEmpty() ? p.rlimits() : c.rlimits(),
                p.noNewPrivileges() != null ? p.noNewPrivileges() : c.noNewPrivileges(),
                notEmpty(p.apparmorProfile()) ? p.apparmorProfile() : c.apparmorProfile(),
                c.oomScoreAdj(),
                notEmpty(p.selinuxLabel()) ? p.selinuxLabel() : c.selinuxLabel(),
                p.ioPriority(), p.scheduler(), p.execCPUAffinity());
    }

    static Process fromFlags(ExecOptions o, Process c) throws JruncException {
        if (o.args().isEmpty()) throw new JruncException("process args cannot be empty");
        List<String> env = new ArrayList<>(c.env() == null ? List.of() : c.env());
        env.addAll(o.env());
        return new Process(o.tty(), c.consoleSize(), user(o, c.user()), o.args(), null, env,
                notEmpty(o.cwd()) ? o.cwd() : c.cwd(), caps(c.capabilities(), o.caps()), c.rlimits(),
                o.noNewPrivs() ? Boolean.TRUE : c.noNewPrivileges(),
                notEmpty(o.apparmor()) ? o.apparmor() : c.apparmorProfile(), c.oomScoreAdj(),
                notEmpty(o.processLabel()) ? o.processLabel() : c.selinuxLabel(),
                c.ioPriority(), c.scheduler(), c.execCPUAffinity());
    }

    /** --user uid[:gid] over the config's user; --additional-gids appended to its groups. */
    private static User user(ExecOptions o, User base) throws JruncException {
        long uid = base == null ? 0 : base.uid();
        long gid = base == null ? 0 : base.gid();
        if (notEmpty(o.user())) {
            String[] parts = o.user().split(":", 2);
            if (parts.length > 1) gid = id(parts[1], "gid");
            uid = id(parts[0], "uid");
        }
        List<Long> groups = new ArrayList<>(base == null || base.additionalGids() == null ? List.of() : base.additionalGids());
        for (long g : o.additionalGids()) {
            if (g < 0) throw new JruncException("additional-gids must be a positive number " + g);
            groups.add(g);
        }
        return new User(uid, gid, base == null ? null : base.umask(), groups, base == null ? null : base.username());
    }

    private static long id(String text, String what) throws JruncException {
        try {
            long v = Long.parseLong(text);
            if (v < 0 || v > 0xFFFFFFFFL) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new JruncException("parsing " + text + " as int for " + what + " failed");
        }
    }

    /**
     * runc 1.1 adds each --cap to the bounding, effective, permitted and ambient sets, not to the
     * inheritable one; so the ambient bit is only raised where the config made it inheritable, and a
     * non-root process keeps nothing of it across execve (measured with runc 1.1.5 here).
     */
    private static Capabilities caps(Capabilities base, List<String> added) {
        if (added.isEmpty()) return base;
        return new Capabilities(plus(base == null ? null : base.bounding(), added),
                plus(base == null ? null : base.effective(), added),
                base == null ? null : base.inheritable(),
                plus(base == null ? null : base.permitted(), added),
                plus(base == null ? null : base.ambient(), added));
    }

    private static List<String> plus(List<String> set, List<String> added) {
        List<String> out = new ArrayList<>(set == null ? List.of() : set);
        for (String c : added) if (!out.contains(c)) out.add(c);
        return out;
    }

    /**
     * NAME=value entries, each name once: a later entry replaces the value of an earlier one in its
     * place (libc's getenv would otherwise see the first). Entries without '=' or with an empty name
     * are refused, as runc does.
     */
    static List<String> uniqueEnv(List<String> env) throws ConfigException {
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; env != null && i < env.size(); i++) {
            String e = env.get(i);
            int eq = e.indexOf('=');
            if (eq < 0) throw new ConfigException("process.env[" + i + "]", "invalid environment variable \"" + e + "\": missing '='");
            if (eq == 0) throw new ConfigException("process.env[" + i + "]", "invalid environment variable \"" + e + "\": name cannot be empty");
            byName.put(e.substring(0, eq), e);
        }
        return List.copyOf(byName.values());
    }

    private static Process withEnv(Process p, List<String> env) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), env, p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(),
                p.selinuxLabel(), p.ioPriority(), p.scheduler(), p.execCPUAffinity());
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
