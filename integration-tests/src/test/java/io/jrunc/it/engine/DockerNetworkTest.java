package io.jrunc.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.it.Env;
import org.junit.jupiter.api.Test;

/**
 * Docker's network set-up rides on the prestart hook it puts in config.json ({@code /proc/DOCKERD/exe
 * libnetwork-setkey ...}): the hook tells dockerd the container's network namespace, and dockerd then configures
 * it. With {@code --network none} that means bringing up the loopback interface.
 */
class DockerNetworkTest extends EngineTestBase {

    @Test
    void prestartHookLetsDockerBringUpLoopback() {
        Cmd.Result runc = docker.runRunc(BusyboxImage.NAME, "cat", "/sys/class/net/lo/flags");
        assertOk(runc);
        Cmd.Result r = docker.runJrunc(BusyboxImage.NAME, "cat", "/sys/class/net/lo/flags");
        assertOk(r);
        assertEquals(runc.out().strip(), r.out().strip(), "lo flags as with runc (IFF_UP set by dockerd after the hook)");
        assertTrue((Integer.decode(r.out().strip()) & 1) == 1, () -> "lo is up:\n" + r.describe());
    }

    @Test
    void ownNetworkNamespace() throws Exception {
        Cmd.Result r = docker.runJrunc(BusyboxImage.NAME, "readlink", "/proc/self/ns/net");
        assertOk(r);
        assertNotEquals(Env.hostNamespace("net"), r.out().strip(), "--network none is a new network namespace");
        Cmd.Result links = docker.runJrunc(BusyboxImage.NAME, "ls", "/sys/class/net");
        assertOk(links);
        assertEquals("lo", links.out().strip(), "nothing but loopback");
    }
}
