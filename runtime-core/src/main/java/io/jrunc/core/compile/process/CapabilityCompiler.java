package io.jrunc.core.compile.process;

import io.jrunc.core.Warnings;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Capabilities;
import io.jrunc.spec.LinuxNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * process.capabilities -> bit masks. The bounding set is cut down while the init is still root;
 * the other four sets are applied after the switch to the container's uid (KEEP_CAPS keeps the
 * permitted set across it).
 *
 * <p>runtime-spec config.md: a value that "cannot be mapped to a relevant kernel interface, or
 * cannot be granted otherwise MUST be logged as a warning", and runtimes "SHOULD NOT fail" on it.
 * So an unknown name, a capability the process cannot get (not in the host's bounding set, when
 * the container has no user namespace of its own), and an ambient capability that is not both
 * permitted and inheritable are each a warning naming the field, and the container runs with the
 * rest. Left in, the first would fail here and the others as a bare EPERM from capset.
 */
public final class CapabilityCompiler {
    private static final String BASE = "process.capabilities.";

    private CapabilityCompiler() {}

    /**
     * What the helper can grant at the point it sets the capabilities: inside a user namespace
     * (created or joined) the kernel gives it every capability it knows (cap_last_cap), else it
     * has the host's bounding set (jrunc runs with the host's). -1 when neither can be read.
     */
    public static long grantable(HostView host, boolean userNamespace) {
        if (userNamespace) {
            List<String> last = host.readLines(Path.of("/proc/sys/kernel/cap_last_cap"));
            if (last.isEmpty() || last.getFirst().isBlank()) return -1;
            int bits = Integer.parseInt(last.getFirst().trim()) + 1;
            return bits >= 64 ? -1 : (1L << bits) - 1;
        }
        return hostBounding(host.readLines(Path.of("/proc/self/status")));
    }

    /** Ops before the uid switch. */
    public static void beforeIdentity(Capabilities caps, long grantable, List<Op> ops) {
        ops.add(new Op.CapsBounding(Origin.of(BASE + "bounding"), grantableMask(caps.bounding(), BASE + "bounding", grantable)));
        ops.add(new Op.KeepCaps(Origin.of("process.capabilities"), true));
    }

    /**
     * Ops after the uid switch.
     *
     * @param grantable what {@link #grantable} says the helper can grant, or -1 when unknown
     */
    public static void afterIdentity(Capabilities caps, long grantable, List<Op> ops) {
        long eff = grantableMask(caps.effective(), BASE + "effective", grantable);
        long perm = grantableMask(caps.permitted(), BASE + "permitted", grantable);
        long inh = grantableMask(caps.inheritable(), BASE + "inheritable", grantable);
        List<String> ambient = caps.ambient();
        long amb = 0;
        // The kernel only raises an ambient capability that is also permitted and inheritable. One
        // line for all of them: runc's own default config (`spec`) asks for three such.
        List<String> notRaised = new ArrayList<>();
        for (int i = 0; ambient != null && i < ambient.size(); i++) {
            int bit = known(ambient, i, BASE + "ambient", grantable);
            if (bit < 0) continue;
            if ((perm & inh & (1L << bit)) == 0) notRaised.add(ambient.get(i));
            else amb |= 1L << bit;
        }
        if (!notRaised.isEmpty()) {
            Warnings.warn(BASE + "ambient: " + String.join(", ", notRaised) + (notRaised.size() == 1 ? " is" : " are")
                    + " not raised: an ambient capability must also be permitted and inheritable");
        }
        ops.add(new Op.CapsSet(Origin.of("process.capabilities"), eff, perm, inh, amb));
    }

    /** Bits of the names that can be granted; every other entry is a warning naming it. */
    public static long grantableMask(List<String> names, String path, long grantable) {
        long mask = 0;
        for (int i = 0; names != null && i < names.size(); i++) {
            int bit = known(names, i, path, grantable);
            if (bit >= 0) mask |= 1L << bit;
        }
        return mask;
    }

    /** The bit of names[i], or -1 (after a warning) when it is unknown or cannot be granted. */
    private static int known(List<String> names, int i, String path, long grantable) {
        String name = names.get(i);
        int bit = LinuxNames.CAPABILITIES.indexOf(name);
        if (bit < 0) {
            warn(path, i, "unknown capability \"" + name + "\" is ignored");
            return -1;
        }
        if (grantable != -1 && (grantable & (1L << bit)) == 0) {
            warn(path, i, name + " cannot be granted: it is not in this host's bounding set (or this kernel does not know it)");
            return -1;
        }
        return bit;
    }

    /** Through {@link Warnings}: the CLI writes it to --log (or stderr) whatever the log level, as runc's logrus does. */
    private static void warn(String path, int i, String message) {
        Warnings.warn(path + "[" + i + "]: " + message);
    }

    /** CapBnd from /proc/self/status lines, or -1 when absent. */
    static long hostBounding(List<String> status) {
        for (String line : status) {
            if (line.startsWith("CapBnd:")) return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
        return -1;
    }
}
