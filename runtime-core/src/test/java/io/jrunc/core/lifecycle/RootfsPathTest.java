package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 1: root.path is resolved and checked before anything is done. A rootfs that is
 * a symlink (to `/`: the host would get the mount targets the helper creates before pivot_root),
 * that is reached through one below the bundle, or that is `/` itself is refused naming root.path.
 */
class RootfsPathTest {
    @TempDir Path tmp;

    @Test
    void aPlainDirectoryIsItsOwnRealPath() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle/rootfs")).getParent();
        assertEquals(bundle.toRealPath().resolve("rootfs"), RootfsPath.check(bundle, "rootfs"));
        assertEquals(bundle.toRealPath().resolve("rootfs"), RootfsPath.check(bundle, bundle.resolve("rootfs").toString()));
    }

    @Test
    void aRootfsThatIsASymlinkToTheHostRootIsRefused() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.createSymbolicLink(bundle.resolve("rootfs"), Path.of("/"));
        ConfigException e = assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, "rootfs"));
        assertEquals("root.path", e.path());
        assertTrue(e.getMessage().contains("not an absolute path, or a symlink"), e.getMessage());
    }

    @Test
    void aRootfsThatIsASymlinkToAnotherDirectoryIsRefused() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Path real = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(bundle.resolve("rootfs"), real);
        assertEquals("root.path", assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, "rootfs")).path());
        // Also given as an absolute path, and with a symlinked directory on the way.
        assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, bundle.resolve("rootfs").toString()));
        Files.createDirectories(real.resolve("rootfs"));
        Files.createSymbolicLink(bundle.resolve("via"), real);
        assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, "via/rootfs"));
    }

    @Test
    void theHostRootIsRefusedAlsoWhenGivenDirectly() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        ConfigException e = assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, "/"));
        assertEquals("root.path", e.path());
        assertTrue(e.getMessage().contains("host's root directory"), e.getMessage());
    }

    @Test
    void aBundleReachedThroughASymlinkIsFine() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real-bundle/rootfs")).getParent();
        Path link = Files.createSymbolicLink(tmp.resolve("bundle-link"), real);
        assertEquals(real.toRealPath().resolve("rootfs"), RootfsPath.check(link, "rootfs"));
    }

    @Test
    void aMissingRootfsIsRefused() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.createSymbolicLink(bundle.resolve("rootfs"), tmp.resolve("nowhere"));
        assertEquals("root.path", assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, "rootfs")).path());
        assertEquals("root.path", assertThrows(ConfigException.class, () -> RootfsPath.check(bundle, "missing")).path());
    }
}
