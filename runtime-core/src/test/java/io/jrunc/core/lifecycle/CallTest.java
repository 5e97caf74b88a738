package io.jrunc.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import io.jrunc.sys.FakeSyscalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's own view of the world: its cwd, environment and caller, never the planner JVM's. */
class CallTest {
    private static final PrintStream OUT = new PrintStream(new ByteArrayOutputStream());

    private static Call call(Path cwd, Map<String, String> env) {
        return new Call(cwd, env, OUT, OUT, -1, null);
    }

    @Test
    void relativePathsResolveAgainstTheCallersCwd() {
        Call c = call(Path.of("/home/caller/bundle"), Map.of());
        assertEquals(Path.of("/home/caller/bundle/config.json"), c.resolve("config.json"));
        assertEquals(Path.of("/home/caller/x"), c.resolve("../x").normalize());
        assertEquals(Path.of("/abs/p.json"), c.resolve(Path.of("/abs/p.json")));
        assertNull(c.resolve((Path) null));
    }

    @Test
    void aRelativeCwdIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call(Path.of("rel"), Map.of()));
        assertTrue(e.getMessage().contains("cwd") && e.getMessage().contains("rel"), e.getMessage());
    }

    @Test
    void theEnvironmentIsACopyTakenAtTheStart() {
        Map<String, String> env = new HashMap<>(Map.of("LISTEN_FDS", "2"));
        Call c = call(Path.of("/"), env);
        env.put("LISTEN_FDS", "7");
        assertEquals("2", c.getenv("LISTEN_FDS"));
        assertNull(c.getenv("HOME"));
        assertThrows(UnsupportedOperationException.class, () -> c.env().put("X", "y"));
    }

    @Test
    void theCallersProcIsItsOwnOrOurs() {
        assertEquals(Path.of("/proc/self"), call(Path.of("/"), Map.of()).proc());
        Call remote = new Call(Path.of("/"), Map.of(), OUT, OUT, 0, null, null, 4321);
        assertEquals(Path.of("/proc/4321"), remote.proc());
    }

    @Test
    void withoutAForegroundOfItsOwnACallUsesThisProcess() {
        FakeSyscalls sys = new FakeSyscalls();
        assertInstanceOf(LocalForeground.class, call(Path.of("/"), Map.of()).foreground(sys));
        Foreground elsewhere = new Foreground() {
            @Override public void attach() {}
            @Override public void proxyTerminal(int master) {}
            @Override public int[] callerWindowSize() { return null; }
            @Override public int await(int pid, List<String> cleanup) throws JruncException { return 0; }
            @Override public void release() {}
        };
        Call remote = new Call(Path.of("/"), Map.of(), OUT, OUT, 0, null, elsewhere, 4321);
        assertSame(elsewhere, remote.foreground(sys));
    }

    @Test
    void noStdinReadsAsEmpty() throws Exception {
        assertArrayEquals(new byte[0], call(Path.of("/"), Map.of()).readStdin());
    }
}
