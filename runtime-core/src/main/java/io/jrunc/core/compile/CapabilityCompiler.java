package io.jrunc.core.compile;

import io.jrunc.core.ConfigException;
import io.jrunc.core.Debug;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Capabilities;
import io.jrunc.spec.LinuxNames;
import java.util.List;

/**
 * process.capabilities -> bit masks. The bounding set is cut down while the init is still root;
 * the other four sets are applied after the switch to the container's uid (KEEP_CAPS keeps the
 * permitted set across it). A capability the host itself lacks cannot be granted: that is refused
 * here, naming it, instead of failing later as a bare EPERM from capset.
 */
final class CapabilityCompiler {
    private CapabilityCompiler() {}

    /** Bits of the named capabilities; an unknown name is an error naming its index. */
    static long mask(List<String> names, String path) throws ConfigException {
        long mask = 0;
        if (names == null) return 0;
        for (int i = 0; i < names.size(); i++) {
            int bit = LinuxNames.CAPABILITIES.indexOf(names.get(i));
            if (bit < 0) throw new ConfigException(path + "[" + i + "]", "unknown capability \"" + names.get(i) + "\"");
            mask |= 1L << bit;
        }
        return mask;
    }

    /** Ops before the uid switch. */
    static void beforeIdentity(Capabilities caps, List<Op> ops) throws ConfigException {
        ops.add(new Op.CapsBounding(Origin.of("process.capabilities.bounding"), mask(caps.bounding(), "process.capabilities.bounding")));
        ops.add(new Op.KeepCaps(Origin.of("process.capabilities"), true));
    }

    /**
     * Ops after the uid switch.
     *
     * @param hostBounding the host's bounding set (CapBnd of /proc/self/status), or -1 when unknown
     */
    static void afterIdentity(Capabilities caps, long hostBounding, List<Op> ops) throws ConfigException {
        String base = "process.capabilities.";
        long eff = grantable(caps.effective(), base + "effective", hostBounding);
        long perm = grantable(caps.permitted(), base + "permitted", hostBounding);
        long inh = grantable(caps.inheritable(), base + "inheritable", hostBounding);
        long amb = grantable(caps.ambient(), base + "ambient", hostBounding);
        // The kernel only raises an ambient capability that is also permitted and inheritable; runc
        // warns about the others and goes on, and so do we (runc's own default config asks for them).
        long raisable = amb & perm & inh;
        if (raisable != amb) {
            long dropped = amb & ~raisable;
            Debug.log(() -> "process.capabilities.ambient: not raised (not both permitted and inheritable): " + names(dropped));
        }
        amb = raisable;
        ops.add(new Op.CapsSet(Origin.of("process.capabilities"), eff, perm, inh, amb));
    }

    private static long grantable(List<String> names, String path, long hostBounding) throws ConfigException {
        long mask = mask(names, path);
        if (hostBounding == -1) return mask;
        for (int i = 0; names != null && i < names.size(); i++) {
            int bit = LinuxNames.CAPABILITIES.indexOf(names.get(i));
            if ((hostBounding & (1L << bit)) == 0) {
                throw new ConfigException(path + "[" + i + "]",
                        names.get(i) + " is not in this host's bounding set, so no container can be given it");
            }
        }
        return mask;
    }

    private static String names(long mask) {
        List<String> out = new java.util.ArrayList<>();
        for (int bit = 0; bit < 64; bit++) if ((mask & (1L << bit)) != 0) out.add(LinuxNames.CAPABILITIES.get(bit));
        return String.join(", ", out);
    }

    /** CapBnd from /proc/self/status lines, or -1 when absent. */
    static long hostBounding(List<String> status) {
        for (String line : status) {
            if (line.startsWith("CapBnd:")) return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
        return -1;
    }
}
