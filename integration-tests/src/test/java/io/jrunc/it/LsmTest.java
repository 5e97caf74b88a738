package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * apparmorProfile, selinuxLabel and mountLabel. Which path runs depends on the machine:
 * <ul>
 * <li>LSM absent (this project's machines: the kernel is built without AppArmor, and with SELinux compiled in but
 *     not among the initialized LSMs, so there is no selinuxfs and /proc/self/attr/current gives EINVAL): jrunc
 *     refuses each field like runc 1.1 fails it, and says in --debug how it found the LSM absent. When runc is
 *     installed it is run on the same config to show that it fails too.</li>
 * <li>LSM enabled: the label or profile is what the container process runs with. These tests skip on a machine
 *     without the LSM: enabling one needs a kernel built with it and booted with it in lsm=, which a test cannot
 *     arrange.</li>
 * </ul>
 */
class LsmTest extends ItBase {
    private static final String PROFILE = "jrunc-test-profile";
    private static final String LABEL = "system_u:system_r:container_t:s0:c1,c2";
    private static final String FILE_LABEL = "system_u:object_r:container_file_t:s0:c1,c2";

    static boolean apparmorEnabled() {
        try {
            return Files.exists(Path.of("/sys/kernel/security/apparmor"))
                    && Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).startsWith("Y");
        } catch (IOException e) {
            return false;
        }
    }

    static boolean selinuxEnabled() {
        return HostFs.mountinfoLines().stream().anyMatch(l -> l.contains(" - selinuxfs ") && !l.contains(" ro,") && !l.contains(" ro "));
    }

    /** Runs the bundle with --debug; must fail; returns stderr and checks a debug line containing {@code why}. */
    private String refusedWithDebug(Bundle b, String why) {
        b.write();
        String id = newId("lsm");
        OciRuntime.Result r = rt.run(OciRuntime.Opts.defaults().globals("--debug"), "run", "--bundle", b.dir.toString(), id);
        assertEquals(1, r.exitCode(), r::describe);
        List<JsonNode> lines = rt.logLines();
        assertTrue(lines.stream().anyMatch(l -> "debug".equals(l.path("level").asText()) && l.path("msg").asText().contains(why)),
                "a debug line saying: " + why + "\n" + lines);
        assertEquals(1, rt.run("state", id).exitCode(), "nothing was created");
        return r.stderr();
    }

    /** runc (when installed) fails the same config: jrunc behaves as runc on a host without the LSM. */
    private void runcFailsToo(Consumer<Bundle> edit) {
        if (Env.runc().isEmpty() || Env.binaryIsRunc()) return;
        OciRuntime runc = otherRuntime(Env.runc().get(), "runc");
        Bundle b = bundle(runc, "runc-bundle");
        edit.accept(b);
        String id = newId("runc");
        runc.track(id);
        OciRuntime.Result r = run(runc, b, id);
        assertNotEquals(0, r.exitCode(), "runc too refuses it:\n" + r.describe());
    }

    @Test
    void apparmorProfileWithoutAppArmorIsRefusedAsRuncDoes() {
        assumeFalse(apparmorEnabled(), "AppArmor is enabled here");
        Consumer<Bundle> edit = b -> b.process().put("apparmorProfile", PROFILE);
        Bundle b = bundle();
        edit.accept(b);
        String err = refusedWithDebug(b, "AppArmor is not enabled");
        assertTrue(err.contains("process.apparmorProfile: AppArmor is not enabled on this host, cannot apply profile \"" + PROFILE + "\""), err);
        runcFailsToo(edit);
    }

    @Test
    void selinuxLabelWithoutSelinuxIsRefusedAsRuncDoes() {
        assumeFalse(selinuxEnabled(), "SELinux is enabled here");
        Consumer<Bundle> edit = b -> b.process().put("selinuxLabel", LABEL);
        Bundle b = bundle();
        edit.accept(b);
        String err = refusedWithDebug(b, "SELinux is not enabled");
        assertTrue(err.contains("process.selinuxLabel: selinux label is specified in config, but selinux is disabled or not supported"), err);
        runcFailsToo(edit);
    }

    @Test
    void mountLabelWithoutSelinuxIsRefusedAsRuncDoes() {
        assumeFalse(selinuxEnabled(), "SELinux is enabled here");
        Consumer<Bundle> edit = b -> b.linux().put("mountLabel", FILE_LABEL);
        Bundle b = bundle();
        edit.accept(b);
        String err = refusedWithDebug(b, "SELinux is not enabled");
        assertTrue(err.contains("linux.mountLabel: SELinux is not enabled on this host, cannot label mounts"), err);
        runcFailsToo(edit);
    }

    @Test
    void withoutLsmFieldsTheContainerHasNoLabel() {
        assumeFalse(apparmorEnabled() || selinuxEnabled(), "an LSM is enabled here");
        Probe p = probe(bundle(), "lsm");
        assertEquals("err:EINVAL", p.need("lsm.current"), "no LSM answers for the process's label");
    }

    @Test
    void apparmorProfileIsTheProcesssWhenEnabled() {
        assumeTrue(apparmorEnabled(), "AppArmor is not enabled on this machine (kernel without it, or not in lsm=)");
        // "unconfined" always exists and an unconfined runtime may change onexec to it.
        Bundle b = bundle();
        b.process().put("apparmorProfile", "unconfined");
        assertTrue(probe(b, "lsm").need("lsm.apparmor").startsWith("unconfined"));
    }

    @Test
    void selinuxLabelIsTheProcesssWhenEnabled() throws IOException {
        assumeTrue(selinuxEnabled(), "SELinux is not enabled on this machine (no selinuxfs: kernel without it, or not in lsm=)");
        // The test's own label is one the policy surely lets this process exec into.
        String own = Files.readString(Path.of("/proc/self/attr/current")).replace("\0", "").strip();
        Bundle b = bundle();
        b.process().put("selinuxLabel", own);
        assertEquals(own, probe(b, "lsm").need("lsm.current"));
    }
}
