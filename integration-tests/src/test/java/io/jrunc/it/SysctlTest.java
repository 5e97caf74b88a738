package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * linux.sysctl: applied inside the container's own namespaces (and not on the host), refused with runc's reasons
 * when the container does not own the namespace, and never written through a mount placed over the /proc file.
 */
class SysctlTest extends ItBase {
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final Path SHMMNI = Path.of("/proc/sys/kernel/shmmni");

    private Bundle withSysctl(String... keyValues) {
        Bundle b = bundle();
        var s = b.linux().putObject("sysctl");
        for (int i = 0; i < keyValues.length; i += 2) s.put(keyValues[i], keyValues[i + 1]);
        return b;
    }

    private String refusal(Bundle b) {
        OciRuntime.Result r = run(b, newId("no"));
        assertEquals(1, r.exitCode(), r::describe);
        return r.stderr();
    }

    @Test
    void appliedInTheContainersNamespacesOnlyEvenWithProcSysReadOnly() throws Exception {
        String hostForward = Files.readString(IP_FORWARD).strip();
        String hostShmmni = Files.readString(SHMMNI).strip();
        String forward = hostForward.equals("1") ? "0" : "1";
        Bundle b = withSysctl("net.ipv4.ip_forward", forward, "kernel.shmmni", "1234", "fs.mqueue.msg_max", "42",
                "kernel.domainname", "sysctl.example");
        b.namespace("network", null).namespace("ipc", null).namespace("uts", null);
        assertTrue(b.linux().path("readonlyPaths").toString().contains("\"/proc/sys\""), "the default spec makes /proc/sys read-only");
        Probe p = probe(b, "read", IP_FORWARD.toString(), "read", SHMMNI.toString(), "read", "/proc/sys/fs/mqueue/msg_max", "hostname");
        assertEquals(forward, p.need("read." + IP_FORWARD));
        assertEquals("1234", p.need("read." + SHMMNI));
        assertEquals("42", p.need("read./proc/sys/fs/mqueue/msg_max"));
        assertEquals("sysctl.example", p.need("domainname"));
        assertEquals(hostForward, Files.readString(IP_FORWARD).strip(), "the host's value is untouched");
        assertEquals(hostShmmni, Files.readString(SHMMNI).strip());
    }

    @Test
    void slashSeparatedNamesWork() {
        Bundle b = withSysctl("net/ipv4/ip_default_ttl", "33");
        b.namespace("network", null);
        assertEquals("33", probe(b, "read", "/proc/sys/net/ipv4/ip_default_ttl").need("read./proc/sys/net/ipv4/ip_default_ttl"));
    }

    @Test
    void aSysctlOfANamespaceTheContainerDoesNotOwnIsRefused() {
        Bundle b = withSysctl("net.ipv4.ip_forward", "1").removeNamespace("network");
        assertTrue(refusal(b).contains("linux.sysctl[\"net.ipv4.ip_forward\"]: sysctl \"net.ipv4.ip_forward\" is not allowed in the host's network namespace"));

        b = withSysctl("kernel.shmmax", "1").removeNamespace("ipc");
        assertTrue(refusal(b).contains("linux.sysctl[\"kernel.shmmax\"]: sysctl \"kernel.shmmax\" is not allowed in the host's ipc namespace"));

        b = withSysctl("vm.swappiness", "1");
        assertTrue(refusal(b).contains("linux.sysctl[\"vm.swappiness\"]: sysctl \"vm.swappiness\" is not in a separate kernel namespace"));

        b = withSysctl("kernel.hostname", "h").namespace("uts", null);
        assertTrue(refusal(b).contains("sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field"));
    }

    /** Joining a network namespace by a path that turns out to be jrunc's own is the host's, as runc judges it. */
    @Test
    void aJoinedNetworkNamespaceThatIsTheHostsIsRefused() {
        Bundle b = withSysctl("net.ipv4.ip_forward", "1").namespace("network", "/proc/" + ProcessHandle.current().pid() + "/ns/net");
        assertTrue(refusal(b).contains("is not allowed in the host's network namespace"));
    }

    /**
     * The CVE-2025-52881 class: a mount over the /proc file a sysctl goes to (here in a private mount namespace jrunc
     * is started in) must make the write fail, not land in whatever was mounted there. kernel.domainname, because
     * its /proc/sys file is one for every uts namespace (a net.* file is another one in each network namespace, so
     * a mount over the host's would not even be on the container's path).
     */
    @Test
    void aMountOverTheProcFileIsRefusedNotWrittenThrough() throws Exception {
        Path decoy = work.resolve("decoy");
        Files.writeString(decoy, "decoy\n");
        Path domainname = Path.of("/proc/sys/kernel/domainname");
        Bundle b = withSysctl("kernel.domainname", "evil").namespace("uts", null);
        b.write();
        String id = newId("bind");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" " + domainname + " && exec \"$@\"", decoy.toString()));
        cmd.addAll(rt.command(OciRuntime.Opts.defaults(), "run", "--bundle", b.dir.toString(), id));
        Path err = work.resolve("unshare.stderr");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(err.toFile())
                .redirectOutput(work.resolve("unshare.stdout").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jrunc under unshare finished");
        String stderr = Files.readString(err);
        assertNotEquals(0, p.exitValue(), stderr);
        assertTrue(stderr.contains("linux.sysctl[\"kernel.domainname\"] (evil): refusing to write: a mount covers part of " + domainname),
                stderr);
        assertEquals("decoy\n", Files.readString(decoy), "nothing was written through the mount");
    }
}
