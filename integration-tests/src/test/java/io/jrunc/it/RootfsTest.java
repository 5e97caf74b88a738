package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** root.path relative and absolute, root.readonly, linux.rootfsPropagation. */
class RootfsTest extends ItBase {

    @Test
    void rootfsRelativeToTheBundle() throws Exception {
        Bundle b = bundle().rootPath("rootfs");
        Files.writeString(b.rootfs.resolve("etc/marker"), "relative\n");
        Probe p = probe(b, "read", "/etc/marker");
        assertEquals("relative", p.need("read./etc/marker"));
    }

    @Test
    void rootfsGivenAsAnAbsolutePathOutsideTheBundle() throws Exception {
        Bundle b = bundle();
        Path elsewhere = work.resolve("elsewhere/rootfs");
        Files.createDirectories(elsewhere.getParent());
        Files.move(b.rootfs, elsewhere);
        Files.writeString(elsewhere.resolve(HostFs.OWNER_MARKER), elsewhere + "\n");
        Files.writeString(elsewhere.resolve("etc/marker"), "absolute\n");
        b.rootPath(elsewhere.toString()).args("probe", "read", "/etc/marker", "sleep", "60");
        String id = newId("abs");
        OciRuntime.Result c = createAndStart(b, id);
        assertEquals(elsewhere.toString(), rt.state(id).path("rootfs").asText(), "state.rootfs");
        Wait.until(SHORT, () -> c.stdoutNow().contains("read./etc/marker=absolute"), () -> "marker read: " + c.stdoutNow());
    }

    @Test
    void readonlyRootRefusesWrites() {
        Bundle b = bundle().readonlyRoot(true);
        Probe p = probe(b, "write", "/newfile", "write", "/tmp/newfile", "mounts");
        assertEquals("err:EROFS", p.need("write./newfile"));
        assertEquals("err:EROFS", p.need("write./tmp/newfile"));
        assertTrue(p.mount("/").opts().contains("ro"), "/ mounted ro: " + p.mount("/"));
        assertFalse(Files.exists(b.rootfs.resolve("newfile")));
    }

    @Test
    void writableRootWritesIntoTheRootfs() throws Exception {
        Bundle b = bundle().readonlyRoot(false);
        Probe p = probe(b, "write", "/newfile", "mounts");
        assertEquals("ok", p.need("write./newfile"));
        assertTrue(p.mount("/").opts().contains("rw"), "/ mounted rw: " + p.mount("/"));
        assertEquals("written by probe\n", Files.readString(b.rootfs.resolve("newfile")));
    }

    @Test
    void rootfsPropagationPrivateMakesTheRootMountPrivate() {
        Bundle b = bundle();
        for (String p : new String[] {"private", "rprivate"}) {
            b.rootfsPropagation(p);
            Probe probe = probe(b, "mounts");
            assertEquals("private", probe.mount("/").propagation(), "rootfsPropagation " + p + ": " + probe.mount("/"));
        }
        // What the other values do to mounts reaching the container is in PropagationTest.
    }
}
