package io.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 1 (docs/security.md, "A rootfs that is a symlink is refused"): before pivot_root the
 * helper creates mount targets, device nodes and the cwd through the rootfs, on the host's file
 * systems. `ln -sfn / bundle/rootfs` made jrunc create a tmpfs mount's destination on the host
 * before pivot_root failed. Now a rootfs that is a symlink, is reached through one, or is `/` is
 * refused naming root.path, and nothing is done: no host directory, no state directory.
 */
class RootfsSymlinkTest extends ItBase {

    @Test
    void rootfsSymlinkedToTheHostRootIsRefusedAndTheHostIsUntouched() throws Exception {
        Path escape = work.resolve("escape");
        for (String command : new String[] {"run", "create"}) {
            Bundle b = bundle("b" + command).addMount(escape.resolve("x").toString(), "tmpfs", "tmpfs");
            HostFs.deleteTree(b.rootfs);
            Files.createSymbolicLink(b.rootfs, Path.of("/"));
            assertRefusedAndNothingDone(b, command, escape);
        }
    }

    @Test
    void rootfsSymlinkedToAnotherDirectoryOrReachedThroughOneIsRefused() throws Exception {
        Path escape = work.resolve("escape");
        Bundle b = bundle().addMount(escape.resolve("x").toString(), "tmpfs", "tmpfs");
        Path real = work.resolve("real-rootfs");
        Files.move(b.rootfs, real);
        Files.createSymbolicLink(b.rootfs, real);
        assertRefusedAndNothingDone(b, "run", escape);

        Files.delete(b.rootfs);
        Files.createSymbolicLink(b.dir.resolve("via"), work);
        b.rootPath("via/real-rootfs");
        assertRefusedAndNothingDone(b, "run", escape);

        // The control: the same rootfs by its real path runs.
        b.rootPath(real.toString()).args("true");
        OciRuntime.Result ok = run(b, newId("ok"));
        assertEquals(0, ok.exitCode(), ok::describe);
    }

    @Test
    void theHostRootAsRootPathIsRefused() throws Exception {
        Path escape = work.resolve("escape");
        Bundle b = bundle().addMount(escape.resolve("x").toString(), "tmpfs", "tmpfs").rootPath("/");
        assertRefusedAndNothingDone(b, "run", escape);
    }

    private void assertRefusedAndNothingDone(Bundle b, String command, Path escape) {
        String id = newId("sym");
        OciRuntime.Result r = "run".equals(command) ? run(b, id) : create(b, id);
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("root.path"), "names root.path: " + r.describe());
        assertFalse(Files.exists(escape), "nothing created on the host: " + escape);
        assertFalse(Files.exists(rt.root().resolve(id)), "no state directory");
        assertEquals(1, rt.run("state", id).exitCode(), "no container " + id);
    }
}
