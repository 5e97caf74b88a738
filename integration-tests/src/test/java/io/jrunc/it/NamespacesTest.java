package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** linux.namespaces: pid, mount, uts, ipc, network, cgroup created new, or joined through {@code path}. */
class NamespacesTest extends ItBase {

    /** probe's ns.&lt;name&gt; key for each config namespace type. */
    static final Map<String, String> PROBE_KEY = Map.of("pid", "pid", "mount", "mnt", "uts", "uts", "ipc", "ipc", "network", "net", "cgroup", "cgroup");

    @Test
    void newNamespacesDifferFromTheHosts() {
        Bundle b = bundle().namespace("cgroup", null);
        for (String t : PROBE_KEY.keySet()) if (!b.namespaceTypes().contains(t)) b.namespace(t, null);
        Probe p = probe(b, "ns", "pid");
        for (Map.Entry<String, String> e : PROBE_KEY.entrySet()) {
            String key = e.getValue();
            assertNotEquals(Env.hostNamespace(key), p.need("ns." + key), e.getKey() + " namespace is new");
        }
        assertEquals(Env.hostNamespace("user"), p.need("ns.user"), "no user namespace asked for");
        assertEquals("1", p.need("pid"), "init is pid 1 in its pid namespace");
    }

    @Test
    void namespacesNotListedAreTheHosts() {
        Bundle b = bundle().removeNamespace("network").removeNamespace("ipc").removeNamespace("cgroup");
        Probe p = probe(b, "ns");
        assertEquals(Env.hostNamespace("net"), p.need("ns.net"));
        assertEquals(Env.hostNamespace("ipc"), p.need("ns.ipc"));
        assertEquals(Env.hostNamespace("cgroup"), p.need("ns.cgroup"));
        assertNotEquals(Env.hostNamespace("mnt"), p.need("ns.mnt"));
    }

    @Test
    void namespacesJoinedThroughPath() throws Exception {
        Bundle owner = bundle("owner").hostname("ns-owner").args("probe", "sleep", "60");
        String ownerId = newId("owner");
        createAndStart(owner, ownerId);
        long pid = rt.state(ownerId).path("pid").asLong();
        String net = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
        String uts = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/uts")).toString();
        String ipc = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/ipc")).toString();

        Bundle joiner = bundle("joiner").noHostname()
                .namespace("network", "/proc/" + pid + "/ns/net")
                .namespace("uts", "/proc/" + pid + "/ns/uts");
        Probe p = probe(joiner, "ns", "hostname");
        assertEquals(net, p.need("ns.net"), "joined the network namespace");
        assertEquals(uts, p.need("ns.uts"), "joined the uts namespace");
        assertEquals("ns-owner", p.need("hostname"), "sees the owner's hostname");
        assertNotEquals(ipc, p.need("ns.ipc"), "ipc is new, not the owner's");
        assertNotEquals(Env.hostNamespace("net"), p.need("ns.net"));
    }
}
