package io.jrunc.core.compile.lsm;

import static io.jrunc.core.compile.PlanCompilerTest.spec;
import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.ConfigException;
import io.jrunc.core.compile.process.ProcessAttributesCompilerTest;
import io.jrunc.core.compile.CompileInput;
import io.jrunc.core.compile.PlanCompiler;
import io.jrunc.core.compile.PlanCompilerTest;
import io.jrunc.core.compile.ScriptedHost;
import io.jrunc.core.plan.Op;
import io.jrunc.core.plan.Plan;
import io.jrunc.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LSM detection as runc's libraries do it, the enabled path's ops, and the absent path's refusals. */
class LsmCompilerTest {
    static ScriptedHost apparmorHost() {
        return ScriptedHost.plain().dir("/srv").dir("/sys/kernel/security/apparmor").file("/sys/module/apparmor/parameters/enabled", "Y")
                .dir("/proc/self/attr/apparmor");
    }

    static ScriptedHost selinuxHost() {
        return ScriptedHost.plain().dir("/srv").mount("30 22 0:30 / /sys/fs/selinux rw,relatime - selinuxfs selinuxfs rw")
                .file("/proc/self/attr/current", "unconfined_u:unconfined_r:unconfined_t:s0");
    }

    public static Spec config(String process, String linux) {
        return spec("""
                {"ociVersion":"1.2.0","root":{"path":"rootfs"},
                 "process":{"args":["sh"],"cwd":"/","user":{"uid":0,"gid":0}%s},
                 "mounts":[{"destination":"/proc","type":"proc","source":"proc"},
                           {"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","mode=755"]},
                           {"destination":"/data","type":"bind","source":"/srv","options":["rbind","ro"]}],
                 "linux":{"namespaces":[{"type":"mount"},{"type":"pid"}]%s}}""".formatted(process, linux));
    }

    public static Plan plan(Spec spec, ScriptedHost host) throws ConfigException {
        return PlanCompiler.compile(new CompileInput("c1", spec, Path.of("/bundle"), Path.of("/bundle/rootfs"),
                Path.of("/run/jrunc/c1"), false, 0, true, PlanCompilerTest.CGROUPS, host));
    }

    @Test
    void detectionOfThisProjectsMachines() {
        LsmHost none = LsmHost.detect(ScriptedHost.plain());
        assertFalse(none.apparmor());
        assertFalse(none.selinux());
        assertEquals("AppArmor is not enabled: /sys/kernel/security/apparmor does not exist", none.apparmorWhy());
        assertEquals("SELinux is not enabled: no read-write selinuxfs is mounted", none.selinuxWhy());
        assertEquals("thread-self/attr/exec", none.apparmorExecAttr());
    }

    @Test
    void detectionAsRuncsLibrariesDoIt() {
        assertTrue(LsmHost.detect(apparmorHost()).apparmor());
        assertEquals("thread-self/attr/apparmor/exec", LsmHost.detect(apparmorHost()).apparmorExecAttr());
        LsmHost off = LsmHost.detect(ScriptedHost.plain().dir("/sys/kernel/security/apparmor").file("/sys/module/apparmor/parameters/enabled", "N"));
        assertFalse(off.apparmor());
        assertEquals("AppArmor is not enabled: /sys/module/apparmor/parameters/enabled says \"N\"", off.apparmorWhy());
        assertTrue(LsmHost.detect(selinuxHost()).selinux());
        LsmHost kernelLabel = LsmHost.detect(ScriptedHost.plain().mount("30 22 0:30 / /sys/fs/selinux rw - selinuxfs selinuxfs rw")
                .file("/proc/self/attr/current", "kernel"));
        assertFalse(kernelLabel.selinux());
        LsmHost readOnly = LsmHost.detect(ScriptedHost.plain().mount("30 22 0:30 / /sys/fs/selinux ro - selinuxfs selinuxfs ro"));
        assertFalse(readOnly.selinux());
    }

    @Test
    void absentLsmsAreRefusedAsRuncRefusesThem() {
        ScriptedHost host = ScriptedHost.plain();
        ConfigException aa = assertThrows(ConfigException.class, () -> plan(config(",\"apparmorProfile\":\"docker-default\"", ""), host));
        assertEquals("process.apparmorProfile: AppArmor is not enabled on this host, cannot apply profile \"docker-default\"", aa.getMessage());
        ConfigException se = assertThrows(ConfigException.class, () -> plan(config(",\"selinuxLabel\":\"system_u:system_r:container_t:s0\"", ""), host));
        assertEquals("process.selinuxLabel: selinux label is specified in config, but selinux is disabled or not supported", se.getMessage());
        ConfigException ml = assertThrows(ConfigException.class, () -> plan(config("", ",\"mountLabel\":\"system_u:object_r:container_file_t:s0\""), host));
        assertEquals("linux.mountLabel: SELinux is not enabled on this host, cannot label mounts with \"system_u:object_r:container_file_t:s0\"",
                ml.getMessage());
    }

    @Test
    void emptyValuesAskForNothing() throws Exception {
        Plan plan = plan(config(",\"apparmorProfile\":\"\",\"selinuxLabel\":\"\"", ",\"mountLabel\":\"\""), ScriptedHost.plain().dir("/srv"));
        assertTrue(PlanCompilerTest.ops(plan, Op.WriteProc.class).isEmpty());
    }

    @Test
    void apparmorProfileGoesToTheExecAttrBeforeThePivot() throws Exception {
        Plan plan = plan(config(",\"apparmorProfile\":\"docker-default\"", ""), apparmorHost());
        Op.WriteProc w = PlanCompilerTest.ops(plan, Op.WriteProc.class).getFirst();
        assertEquals("thread-self/attr/apparmor/exec", w.path());
        assertEquals("exec docker-default", w.content());
        int i = plan.ops().indexOf(w);
        assertTrue(i > ProcessAttributesCompilerTest.index(plan, Op.Fork.class) && i < ProcessAttributesCompilerTest.index(plan, Op.PivotRoot.class));
    }

    @Test
    void selinuxLabelsTheExecAndTheKeyringAndTheMounts() throws Exception {
        String label = "system_u:system_r:container_t:s0:c1,c2";
        String files = "system_u:object_r:container_file_t:s0:c1,c2";
        Plan plan = plan(config(",\"selinuxLabel\":\"" + label + "\"", ",\"mountLabel\":\"" + files + "\""), selinuxHost());
        List<Op.WriteProc> writes = PlanCompilerTest.ops(plan, Op.WriteProc.class);
        assertEquals(List.of("thread-self/attr/exec", "thread-self/attr/keycreate"), writes.stream().map(Op.WriteProc::path).toList());
        assertTrue(writes.stream().allMatch(w -> w.content().equals(label)));
        List<Op.Mount> mounts = PlanCompilerTest.ops(plan, Op.Mount.class);
        Op.Mount dev = mounts.stream().filter(m -> m.target().equals("/dev") && m.fstype().equals("tmpfs")).findFirst().orElseThrow();
        assertTrue(dev.data().endsWith(",context=\"" + files + "\""), dev.data());
        Op.Mount proc = mounts.stream().filter(m -> m.fstype().equals("proc")).findFirst().orElseThrow();
        assertFalse(proc.data().contains("context="), "proc is not labelled: " + proc.data());
        assertTrue(mounts.stream().filter(m -> m.target().equals("/data")).noneMatch(m -> m.data().contains("context=")), "bind mounts are not");
    }

    @Test
    void noKeyringNoKeyringLabel() throws Exception {
        Plan plan = PlanCompiler.compile(new CompileInput("c1", config(",\"selinuxLabel\":\"l\"", ""), Path.of("/bundle"),
                Path.of("/bundle/rootfs"), Path.of("/run/jrunc/c1"), false, 0, false, PlanCompilerTest.CGROUPS, selinuxHost()));
        assertEquals(List.of("thread-self/attr/exec"), PlanCompilerTest.ops(plan, Op.WriteProc.class).stream().map(Op.WriteProc::path).toList());
    }
}
