package io.jrunc.core.compile.lsm;

import io.jrunc.core.host.HostView;
import io.jrunc.core.host.MountInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Which Linux security modules are active on the host, decided the way runc's libraries decide it,
 * with a sentence saying why (for --debug).
 * <ul>
 * <li>AppArmor (runc libcontainer/apparmor): /sys/kernel/security/apparmor exists and
 *     /sys/module/apparmor/parameters/enabled starts with 'Y'.</li>
 * <li>SELinux (opencontainers/selinux go-selinux): a selinuxfs is mounted read-write and the
 *     process's own label (/proc/self/attr/current) is not "kernel".</li>
 * </ul>
 *
 * @param apparmorExecAttr where the AppArmor exec profile is written, beneath /proc: the
 *     AppArmor-specific attr/apparmor/exec when the kernel has it (stacked LSMs), else attr/exec
 */
public record LsmHost(boolean apparmor, String apparmorWhy, String apparmorExecAttr, boolean selinux, String selinuxWhy) {
    static final Path APPARMOR_FS = Path.of("/sys/kernel/security/apparmor");
    static final Path APPARMOR_ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");
    static final Path APPARMOR_ATTR_DIR = Path.of("/proc/self/attr/apparmor");
    static final Path CURRENT_LABEL = Path.of("/proc/self/attr/current");

    public static LsmHost detect(HostView host) {
        boolean aaFs = host.exists(APPARMOR_FS);
        List<String> enabled = host.readLines(APPARMOR_ENABLED);
        boolean apparmor = aaFs && !enabled.isEmpty() && enabled.getFirst().startsWith("Y");
        String aaWhy = apparmor ? "AppArmor is enabled"
                : !aaFs ? "AppArmor is not enabled: " + APPARMOR_FS + " does not exist"
                : "AppArmor is not enabled: " + APPARMOR_ENABLED + " says " + (enabled.isEmpty() ? "nothing" : "\"" + enabled.getFirst() + "\"");
        String execAttr = host.isDirectory(APPARMOR_ATTR_DIR) ? "thread-self/attr/apparmor/exec" : "thread-self/attr/exec";

        String selinuxfs = selinuxfs(host);
        List<String> current = host.readLines(CURRENT_LABEL);
        String label = current.isEmpty() ? "" : current.getFirst().replace("\0", "").trim();
        boolean selinux = selinuxfs != null && !label.equals("kernel");
        String seWhy = selinux ? "SELinux is enabled (selinuxfs at " + selinuxfs + ")"
                : selinuxfs == null ? "SELinux is not enabled: no read-write selinuxfs is mounted"
                : "SELinux is not enabled: this process's label is \"kernel\" (no policy loaded)";
        return new LsmHost(apparmor, aaWhy, execAttr, selinux, seWhy);
    }

    /** The mount point of a read-write selinuxfs, or null. */
    private static String selinuxfs(HostView host) {
        try {
            for (MountInfo.Entry e : host.mounts().entries()) {
                if ("selinuxfs".equals(e.fstype()) && !Arrays.asList(e.options().split(",")).contains("ro")) return e.mountPoint();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
