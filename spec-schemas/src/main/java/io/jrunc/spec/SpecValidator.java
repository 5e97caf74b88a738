package io.jrunc.spec;

import static io.jrunc.spec.json.JsonPath.index;
import static io.jrunc.spec.json.JsonPath.key;
import static io.jrunc.spec.json.JsonPath.member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a parsed config must pass before anything is created: the spec's MUSTs and runc's
 * refusals that can be decided from the document alone (not those that need the host, like "does
 * this namespace path exist"). All problems are collected, not just the first, so a user fixes
 * them in one go. Paths are in the notation of parse errors ({@code linux.namespaces[2].type}).
 *
 * <p>A relative mount destination is accepted: runc takes it relative to "/", and runtime-spec
 * 1.2 allows it on Linux.
 */
public final class SpecValidator {
    private SpecValidator() {}

    /** Checks a config that must be able to start a container (process required), as {@code create}/{@code run} need. */
    public static List<Violation> validate(Spec spec) {
        return validate(spec, true);
    }

    /**
     * @param requireProcess whether {@code process} must be there with non-empty args and an
     *     absolute cwd (true for create and run; false for configs only inspected)
     */
    public static List<Violation> validate(Spec spec, boolean requireProcess) {
        Checks c = new Checks();
        version(c, spec.ociVersion());
        if (spec.root() == null) c.add("root", "is required");
        else if (blank(spec.root().path())) c.add("root.path", "is required");
        if (spec.process() != null) process(c, "process", spec.process(), requireProcess);
        else if (requireProcess) c.add("process", "is required");
        mounts(c, spec.mounts());
        hooks(c, spec.hooks());
        unsupported(c, spec);
        annotations(c, spec.annotations());
        Linux linux = spec.linux();
        boolean uts = linux != null && linux.findNamespace("uts").isPresent();
        // runc's words; a joined UTS namespace (with a path) counts, as in runc.
        if (!blank(spec.hostname()) && !uts) c.add("hostname", "unable to set hostname without a private UTS namespace");
        if (!blank(spec.domainname()) && !uts) {
            c.add("domainname", "unable to set domainname without a private UTS namespace");
        }
        if (linux != null) linux(c, linux);
        return c.list;
    }

    /**
     * Checks the process document of {@code exec --process}: what runc's validateProcessSpec
     * checks (args, an absolute cwd) and the names inside it. Paths are relative to the document
     * ({@code args}, {@code capabilities.bounding[1]}).
     */
    public static List<Violation> validateProcess(Process process) {
        Checks c = new Checks();
        process(c, "", process, true);
        return c.list;
    }

    private static void version(Checks c, String version) {
        if (blank(version)) {
            c.add("ociVersion", "is required");
            return;
        }
        // config.md: ociVersion "MUST be in SemVer v2.0.0 format", and a runtime MUST generate an error
        // for invalid values (runc 1.1 takes anything; Docker's "1.0.2-dev" is valid SemVer).
        if (!SemVer.valid(version)) {
            c.add("ociVersion", "\"" + version + "\" is not a SemVer 2.0.0 version (expected MAJOR.MINOR.PATCH)");
            return;
        }
        String major = version.substring(0, version.indexOf('.'));
        if (!major.equals("1")) {
            c.add("ociVersion", "unsupported version \"" + version + "\": only 1.x configs are supported");
        }
    }

    private static void process(Checks c, String at, Process p, boolean requireRunnable) {
        if (requireRunnable) {
            if (p.args() == null || p.args().isEmpty()) c.add(member(at, "args"), "must not be empty");
            if (blank(p.cwd())) c.add(member(at, "cwd"), "is required");
            else if (!p.cwd().startsWith("/")) c.add(member(at, "cwd"), "must be an absolute path, not \"" + p.cwd() + "\"");
        }
        // Capability names are not checked here: runtime-spec says a capability that cannot be
        // mapped or granted is a warning, not a failure (core's CapabilityCompiler warns and skips it).
        rlimits(c, member(at, "rlimits"), p.rlimits());
    }

    private static void rlimits(Checks c, String at, List<Rlimit> rlimits) {
        if (rlimits == null) return;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rlimits.size(); i++) {
            Rlimit r = rlimits.get(i);
            String here = index(at, i);
            if (!LinuxNames.RLIMITS.contains(r.type())) {
                c.add(member(here, "type"), "unknown rlimit \"" + r.type() + "\"");
            } else {
                Integer first = seen.putIfAbsent(r.type(), i);
                if (first != null) c.add(member(here, "type"), "duplicate rlimit \"" + r.type() + "\" (first at "
                        + index(at, first) + ")");
            }
            if (Long.compareUnsigned(r.soft(), r.hard()) > 0) {
                c.add(here, "soft limit " + Long.toUnsignedString(r.soft()) + " is above hard limit "
                        + Long.toUnsignedString(r.hard()));
            }
        }
    }

    private static void mounts(Checks c, List<Mount> mounts) {
        if (mounts == null) return;
        for (int i = 0; i < mounts.size(); i++) {
            if (blank(mounts.get(i).destination())) c.add(member(index("mounts", i), "destination"), "must not be empty");
        }
    }

    /**
     * Fields of runtime-spec 1.2 that jrunc does not implement (`features` says so). Left alone they
     * would be silently dropped, and the container would run without what its config asked for, where
     * the spec says the runtime MUST apply them (or MUST fail, e.g. a netDevice that cannot be moved).
     * "Runtimes ... MUST generate an error when invalid or unsupported values are encountered."
     */
    private static void unsupported(Checks c, Spec spec) {
        List<Mount> mounts = spec.mounts() == null ? List.of() : spec.mounts();
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            String here = index("mounts", i);
            boolean uid = m.uidMappings() != null && !m.uidMappings().isEmpty();
            if (uid || (m.gidMappings() != null && !m.gidMappings().isEmpty())) {
                c.add(member(here, uid ? "uidMappings" : "gidMappings"),
                        "idmapped mounts are not supported by this runtime (features: mountExtensions.idmap.enabled false)");
            }
            for (int o = 0; m.options() != null && o < m.options().size(); o++) {
                String opt = m.options().get(o);
                if (opt.equals("idmap") || opt.equals("ridmap")) {
                    c.add(index(member(here, "options"), o), "\"" + opt + "\": idmapped mounts are not supported by this runtime");
                }
            }
        }
        Linux linux = spec.linux();
        if (linux == null) return;
        if (linux.netDevices() != null && !linux.netDevices().isEmpty()) {
            c.add("linux.netDevices", "moving network devices is not supported by this runtime (features: netDevices.enabled false)");
        }
        if (linux.intelRdt() != null) {
            c.add("linux.intelRdt", "Intel RDT is not supported by this runtime (features: intelRdt.enabled false)");
        }
        if (linux.memoryPolicy() != null) {
            c.add("linux.memoryPolicy", "memory policies are not supported by this runtime (features: memoryPolicy.modes is empty)");
        }
    }

    private static void hooks(Checks c, Hooks hooks) {
        if (hooks == null) return;
        hookList(c, "hooks.prestart", hooks.prestart());
        hookList(c, "hooks.createRuntime", hooks.createRuntime());
        hookList(c, "hooks.createContainer", hooks.createContainer());
        hookList(c, "hooks.startContainer", hooks.startContainer());
        hookList(c, "hooks.poststart", hooks.poststart());
        hookList(c, "hooks.poststop", hooks.poststop());
    }

    private static void hookList(Checks c, String at, List<Hook> hooks) {
        if (hooks == null) return;
        for (int i = 0; i < hooks.size(); i++) {
            Hook h = hooks.get(i);
            String here = index(at, i);
            if (blank(h.path())) c.add(member(here, "path"), "is required");
            else if (!h.path().startsWith("/")) {
                c.add(member(here, "path"), "must be an absolute path, not \"" + h.path() + "\"");
            }
            if (h.timeout() != null && h.timeout() <= 0) c.add(member(here, "timeout"), "must be a positive number of seconds");
        }
    }

    private static void annotations(Checks c, Map<String, String> annotations) {
        if (annotations != null && annotations.containsKey("")) c.add(key("annotations", ""), "keys must not be empty");
    }

    private static void linux(Checks c, Linux linux) {
        namespaces(c, linux);
        if (linux.sysctl() != null && linux.sysctl().containsKey("")) {
            c.add(key("linux.sysctl", ""), "sysctl names must not be empty");
        }
        devices(c, linux.devices());
        String propagation = linux.rootfsPropagation();
        if (!blank(propagation) && !LinuxNames.ROOTFS_PROPAGATIONS.contains(propagation)) {
            c.add("linux.rootfsPropagation", "unknown propagation \"" + propagation
                    + "\" (expected shared, slave, private, unbindable, or one of them prefixed with r)");
        }
        absolutePaths(c, "linux.maskedPaths", linux.maskedPaths());
        absolutePaths(c, "linux.readonlyPaths", linux.readonlyPaths());
        if (linux.seccomp() != null) seccomp(c, linux.seccomp());
    }

    private static void namespaces(Checks c, Linux linux) {
        List<Namespace> namespaces = linux.namespaces() == null ? List.of() : linux.namespaces();
        Map<String, Integer> seen = new HashMap<>();
        boolean newUserNs = false;
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            String here = index("linux.namespaces", i);
            if (blank(ns.type())) {
                c.add(member(here, "type"), "is required");
                continue;
            }
            if (!LinuxNames.NAMESPACE_TYPES.contains(ns.type())) {
                c.add(member(here, "type"), "unknown namespace type \"" + ns.type() + "\"");
                continue;
            }
            Integer first = seen.putIfAbsent(ns.type(), i);
            if (first != null) {
                c.add(member(here, "type"), "duplicate namespace type \"" + ns.type() + "\" (first at "
                        + index("linux.namespaces", first) + ")");
            }
            if (!blank(ns.path()) && !ns.path().startsWith("/")) {
                c.add(member(here, "path"), "must be an absolute path, not \"" + ns.path() + "\"");
            }
            if (ns.type().equals("user") && blank(ns.path())) newUserNs = true;
        }
        boolean uidMaps = linux.uidMappings() != null && !linux.uidMappings().isEmpty();
        boolean gidMaps = linux.gidMappings() != null && !linux.gidMappings().isEmpty();
        boolean userNs = seen.containsKey("user");
        if (!userNs && (uidMaps || gidMaps)) {
            c.add(uidMaps ? "linux.uidMappings" : "linux.gidMappings",
                    "user namespace mappings specified, but USER namespace isn't enabled in the config");
        }
        if (newUserNs && !(uidMaps && gidMaps)) {
            c.add(uidMaps ? "linux.gidMappings" : "linux.uidMappings",
                    "user namespaces enabled, but no user mapping found");
        }
    }

    private static void devices(Checks c, List<Device> devices) {
        if (devices == null) return;
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            String here = index("linux.devices", i);
            if (blank(d.path())) c.add(member(here, "path"), "is required");
            else if (!d.path().startsWith("/")) c.add(member(here, "path"), "must be an absolute path, not \"" + d.path() + "\"");
            if (!LinuxNames.DEVICE_TYPES.contains(d.type())) {
                c.add(member(here, "type"), "must be one of c, b, u, p, not " + quoted(d.type()));
            } else if (!d.type().equals("p")) {
                if (d.major() == null) c.add(member(here, "major"), "is required for a \"" + d.type() + "\" device");
                if (d.minor() == null) c.add(member(here, "minor"), "is required for a \"" + d.type() + "\" device");
            }
        }
    }

    private static void absolutePaths(Checks c, String at, List<String> paths) {
        if (paths == null) return;
        for (int i = 0; i < paths.size(); i++) {
            if (!paths.get(i).startsWith("/")) c.add(index(at, i), "must be an absolute path, not \"" + paths.get(i) + "\"");
        }
    }

    private static void seccomp(Checks c, Seccomp seccomp) {
        if (blank(seccomp.defaultAction())) c.add("linux.seccomp.defaultAction", "is required");
        List<SeccompSyscall> syscalls = seccomp.syscalls() == null ? List.of() : seccomp.syscalls();
        for (int i = 0; i < syscalls.size(); i++) {
            SeccompSyscall s = syscalls.get(i);
            String here = index("linux.seccomp.syscalls", i);
            if (s.names() == null || s.names().isEmpty()) c.add(member(here, "names"), "must name at least one syscall");
            if (blank(s.action())) c.add(member(here, "action"), "is required");
            List<SeccompArg> args = s.args() == null ? List.of() : s.args();
            for (int j = 0; j < args.size(); j++) {
                // A syscall has at most six arguments.
                if (args.get(j).index() < 0 || args.get(j).index() > 5) {
                    c.add(member(index(member(here, "args"), j), "index"), "must be between 0 and 5, not "
                            + args.get(j).index());
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }

    private static final class Checks {
        final List<Violation> list = new ArrayList<>();

        void add(String path, String message) {
            list.add(new Violation(path, message));
        }
    }
}
