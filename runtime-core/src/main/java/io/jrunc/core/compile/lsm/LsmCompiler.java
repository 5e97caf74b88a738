package io.jrunc.core.compile.lsm;

import static io.jrunc.core.compile.mounts.MountFlags.MS_BIND;
import static io.jrunc.core.compile.mounts.MountFlags.MS_MOVE;
import static io.jrunc.core.compile.mounts.MountFlags.MS_REMOUNT;

import io.jrunc.core.ConfigException;
import io.jrunc.core.Debug;
import io.jrunc.core.host.HostView;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.PlanBuilder;
import io.jrunc.core.plan.Origin;
import io.jrunc.spec.Spec;
import java.util.List;
import java.util.Set;

/**
 * process.apparmorProfile, process.selinuxLabel and linux.mountLabel.
 *
 * <p>With the LSM enabled, as runc: the AppArmor profile and the SELinux label are written to the
 * init's attr/exec (they take effect at execve), the SELinux label also to attr/keycreate (the
 * session keyring the init joins gets it; execve resets that attr), all through the host's /proc
 * before the pivot. The mount label goes into the data of the filesystems runc labels the same way
 * ({@code context="..."}): everything mounted from the config except proc, sysfs, mqueue, cgroups
 * and bind mounts.
 *
 * <p>Asked for while the LSM is absent, runc 1.1.5 (measured on such a host) fails the container:
 * an apparmorProfile at init ("apparmor failed to apply profile: write /proc/self/attr/exec:
 * invalid argument"), a selinuxLabel before anything is made ("selinux label is specified in config,
 * but selinux is disabled or not supported"), a mountLabel at the first labelled mount (tmpfs
 * refuses the context= option). jrunc fails the same cases, before anything is made, with a message
 * naming the field, and says in --debug how it found the LSM absent.
 */
public final class LsmCompiler {
    /** Filesystems runc mounts without the mount label (it labels mqueue with setxattr afterwards instead). */
    private static final Set<String> UNLABELLED = Set.of("", "proc", "sysfs", "mqueue", "cgroup", "cgroup2", "bind");

    private LsmCompiler() {}

    /**
     * Appends the exec labels to the slot LSM_EXEC_LABELS (written before the pivot, while the host's
     * /proc is reachable) and, with linux.mountLabel, labels the config's mounts once the plan is built.
     */
    public static void compile(Spec spec, boolean newKeyring, HostView host, PlanBuilder plan) throws ConfigException {
        String profile = spec.process() == null ? null : spec.process().apparmorProfile();
        String processLabel = spec.process() == null ? null : spec.process().selinuxLabel();
        String mountLabel = spec.linux() == null ? null : spec.linux().mountLabel();
        List<Op> ops = plan.at(PlanBuilder.Slot.LSM_EXEC_LABELS);
        if (!notEmpty(profile) && !notEmpty(processLabel) && !notEmpty(mountLabel)) return;
        LsmHost lsm = LsmHost.detect(host); // only when asked: most configs (Docker's here) set none of these

        if (notEmpty(profile)) {
            if (!lsm.apparmor()) {
                Debug.log(() -> "process.apparmorProfile \"" + profile + "\": " + lsm.apparmorWhy()
                        + "; runc 1.1 fails such a container (its write of the profile to /proc/self/attr/exec gets EINVAL), so does jrunc");
                throw new ConfigException("process.apparmorProfile", "AppArmor is not enabled on this host, cannot apply profile \""
                        + profile + "\"");
            }
            Debug.log(() -> "process.apparmorProfile: " + lsm.apparmorWhy() + "; exec profile \"" + profile + "\" via /proc/" + lsm.apparmorExecAttr());
            ops.add(new Op.WriteProc(Origin.of("process.apparmorProfile", profile), lsm.apparmorExecAttr(), "exec " + profile));
        }
        if (notEmpty(processLabel)) {
            if (!lsm.selinux()) {
                Debug.log(() -> "process.selinuxLabel \"" + processLabel + "\": " + lsm.selinuxWhy() + "; runc 1.1 refuses it, so does jrunc");
                throw new ConfigException("process.selinuxLabel", "selinux label is specified in config, but selinux is disabled or not supported");
            }
            Debug.log(() -> "process.selinuxLabel: " + lsm.selinuxWhy() + "; exec label \"" + processLabel + "\"");
            ops.add(new Op.WriteProc(Origin.of("process.selinuxLabel", processLabel), "thread-self/attr/exec", processLabel));
            if (newKeyring) {
                ops.add(new Op.WriteProc(Origin.of("process.selinuxLabel", "session keyring"), "thread-self/attr/keycreate", processLabel));
            }
        }
        if (notEmpty(mountLabel)) {
            if (!lsm.selinux()) {
                Debug.log(() -> "linux.mountLabel \"" + mountLabel + "\": " + lsm.selinuxWhy()
                        + "; runc 1.1 fails such a container (it passes context= to tmpfs, which refuses it), so does jrunc");
                throw new ConfigException("linux.mountLabel", "SELinux is not enabled on this host, cannot label mounts with \""
                        + mountLabel + "\"");
            }
            Debug.log(() -> "linux.mountLabel: " + lsm.selinuxWhy() + "; mounts get context=\"" + mountLabel + "\"");
        }
        if (notEmpty(mountLabel)) plan.finish(all -> labelMounts(all, mountLabel));
    }

    /** Adds {@code context="label"} to the data of each new mount of the config's mounts runc labels. */
    public static void labelMounts(List<Op> ops, String mountLabel) {
        if (mountLabel == null) return;
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof Op.Mount m) || !m.origin().path().startsWith("mounts[")) continue;
            if ((m.flags() & (MS_BIND | MS_REMOUNT | MS_MOVE)) != 0 || UNLABELLED.contains(m.fstype())) continue;
            String context = "context=\"" + mountLabel + "\"";
            String data = m.data() == null || m.data().isEmpty() ? context : m.data() + "," + context;
            ops.set(i, new Op.Mount(m.origin(), m.source(), m.target(), m.fstype(), m.flags(), data, m.create()));
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
