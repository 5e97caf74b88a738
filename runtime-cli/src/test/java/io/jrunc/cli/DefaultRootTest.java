package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.jrunc.core.JruncException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** runc's default --root: /run for root, $XDG_RUNTIME_DIR for anyone else, a private /tmp directory as the last resort. */
class DefaultRootTest {
    @Test
    void rootUsesRun() throws JruncException {
        assertEquals(Path.of("/run/jrunc"), DefaultRoot.of(0, Map.of("XDG_RUNTIME_DIR", "/run/user/0")));
    }

    @Test
    void otherUsersUseTheirRuntimeDir() throws JruncException {
        assertEquals(Path.of("/run/user/1000/jrunc"), DefaultRoot.of(1000, Map.of("XDG_RUNTIME_DIR", "/run/user/1000")));
    }

    @Test
    void withoutRuntimeDirAPerUserTmpDirectory() throws JruncException {
        int uid = 2_000_000_000; // nobody has made /tmp/jrunc-2000000000
        assertEquals(Path.of("/tmp/jrunc-" + uid), DefaultRoot.of(uid, Map.of()));
    }

    @Test
    void aTmpDirectoryOfSomeoneElseIsRefused() {
        // /tmp stands in for a /tmp/jrunc-UID someone else made first: it exists and uid 12345 does not own it.
        JruncException e = assertThrows(JruncException.class, () -> DefaultRoot.checkOwned(Path.of("/tmp"), 12345));
        assertTrue(e.getMessage().contains("not a directory owned by uid 12345"), e.getMessage());
    }
}
