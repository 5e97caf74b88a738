package io.jrunc.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing the store does leaves --root: ids are checked, symlinks are neither followed nor descended. */
class StateStoreEscapeTest {
    @TempDir Path tmp;
    private StateStore store;
    private Path victim;

    @BeforeEach
    void setUp() throws Exception {
        store = new StateStore(tmp.resolve("root"));
        Files.createDirectories(store.root());
        victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("precious"), "x");
        Files.createDirectories(victim.resolve("sub"));
        Files.writeString(victim.resolve("sub/also"), "y");
        Files.writeString(victim.resolve(StateStore.STATE_FILE), "{}");
    }

    private void assertVictimIntact() {
        assertTrue(Files.exists(victim.resolve("precious")));
        assertTrue(Files.exists(victim.resolve("sub/also")));
        assertTrue(Files.exists(victim.resolve(StateStore.STATE_FILE)));
    }

    @Test
    void everyEntryPointChecksTheId() {
        for (String bad : List.of("../victim", victim.toString(), "a/b", "..", ".", "x\ny", "trailing\n", "")) {
            assertThrows(JruncException.class, () -> store.dir(bad), bad);
            assertThrows(JruncException.class, () -> store.exists(bad), bad);
            assertThrows(JruncException.class, () -> store.load(bad), bad);
            assertThrows(JruncException.class, () -> store.remove(bad), bad);
            assertThrows(JruncException.class, () -> store.lock(bad), bad);
            assertThrows(JruncException.class, () -> store.reserve(bad), bad);
        }
        assertVictimIntact();
    }

    @Test
    void symlinkedContainerDirIsNoContainerAndRemovalDropsOnlyTheLink() throws Exception {
        Files.createSymbolicLink(store.root().resolve("evil"), victim);
        assertFalse(store.exists("evil"));
        assertEquals("container does not exist", assertThrows(JruncException.class, () -> store.load("evil")).getMessage());
        assertThrows(JruncException.class, () -> store.lock("evil"));
        assertEquals(List.of(), store.ids());
        store.remove("evil");
        assertFalse(Files.exists(store.root().resolve("evil"), LinkOption.NOFOLLOW_LINKS));
        assertVictimIntact();
    }

    @Test
    void removeNeverDescendsThroughSymlinks() throws Exception {
        Path dir = store.reserve("c1");
        Files.createSymbolicLink(dir.resolve("to-victim"), victim);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("to-file"), victim.resolve("precious"));
        Files.createSymbolicLink(sub.resolve("to-sub"), victim.resolve("sub"));
        store.remove("c1");
        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS));
        assertVictimIntact();
    }

    @Test
    void symlinkedStateFileIsNotRead() throws Exception {
        Path dir = store.reserve("c2");
        Files.createSymbolicLink(dir.resolve(StateStore.STATE_FILE), victim.resolve(StateStore.STATE_FILE));
        assertFalse(store.exists("c2"));
        assertThrows(JruncException.class, () -> store.load("c2"));
    }

    @Test
    void saveDoesNotWriteThroughASymlinkedTempFile() throws Exception {
        Path dir = store.reserve("c3");
        Files.createSymbolicLink(dir.resolve(StateStore.STATE_FILE + ".tmp"), victim.resolve("precious"));
        ContainerRecord r = new ContainerRecord("1.2.0", "c3", 1, 1, "/b", "/b/rootfs", "2026-01-01T00:00:00Z", "",
                Map.of(), Map.of(), Map.of(), false);
        assertThrows(JruncException.class, () -> store.save(r));
        assertEquals("x", Files.readString(victim.resolve("precious")));
    }
}
