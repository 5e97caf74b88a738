package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jrunc.core.lifecycle.Call;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The fast path must fill every field exactly as picocli does, and leave everything else to picocli. */
class FastPathTest {
    /** A caller elsewhere than the JVM's cwd: relative paths must resolve against it, on both paths. */
    private static final Call CALL = new Call(Path.of("/caller/cwd"), Map.of(), System.out, System.err, -1, null);

    @ParameterizedTest
    @ValueSource(strings = {
        "state c1",
        "--root /r state c1",
        "--root=/r --log /l.json --log-format json state c1",
        "--root /run/docker/runtime-runc/moby --log B/log.json --log-format json create --bundle B --pid-file B/init.pid ID",
        "--root /r --log /l --log-format json create --bundle B --pid-file B/init.pid --console-socket /tmp/pty/pty.sock ID",
        "create -b /b --no-pivot --no-new-keyring --preserve-fds 2 c1",
        "create c1 --bundle=/b --pid-file=/p",
        "--systemd-cgroup --rootless=false create --bundle /b c1",
        "run --bundle /b c1",
        "run -d -b /b --pid-file /p c1",
        "run --detach c1 --bundle /b",
        "start c1",
        "kill c1",
        "kill c1 9",
        "kill c1 SIGKILL --all",
        "kill -a c1 TERM",
        "delete c1",
        "delete --force c1",
        "delete c1 -f",
        "--log-format text delete c1",
        "--root /run/docker/runtime-runc/moby --log B/log.json --log-format json exec --process /tmp/runc-process1 --detach --pid-file B/E.pid ID",
        "--root /r exec --process /tmp/p --console-socket /tmp/pty/pty.sock --detach --pid-file B/E.pid ID",
        "exec -p /tmp/p -d c1",
        "exec --process=/tmp/p c1",
        "exec c1 true",
        "--root /r exec -d --pid-file /p c1 sh -c echo --detach",
        "exec c1 ls -l --process /x",
    })
    void fillsTheSameFieldsAsPicocli(String line) throws Exception {
        String[] args = line.split(" ");
        FastPath.Parsed fast = FastPath.parse(args, CALL);
        assertNotNull(fast, "the fast path takes: " + line);
        CommandLine cl = CommandModel.commandLine(CALL);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        Object picocliCommand = parsed.subcommand().commandSpec().userObject();
        assertEquals(fields(cl.getCommand()), fields(fast.top()), "global options of: " + line);
        assertEquals(picocliCommand.getClass(), fast.command().getClass(), line);
        assertEquals(fields(picocliCommand), fields(fast.command()), "command fields of: " + line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "--version", "--help", "state", "state --help", "state -h", "state a b", "--debug state c1",
        "--rootless state c1", "--rootless true state c1", "--root", "--root --log x state c1", "--bogus state c1",
        "spec", "list", "ps c1", "events c1", "create", "create --bundle", "create --bundle -x c1",
        "create --preserve-fds abc c1", "create --preserve-fds -1 c1", "create --detach c1", "kill c1 KILL extra",
        "kill c1 -9", "delete -fa c1", "delete --force --force c1", "delete --force=true c1", "start -- c1",
        "--root /a --root /b state c1", "state c1 --root /r",
        "exec -t --process /p c1", "exec --detach c1", "exec -t c1 sh", "exec --cwd /tmp c1 true", "exec c1",
        "exec --process /p --cwd /tmp c1", "exec --process",
    })
    void leavesEverythingElseToPicocli(String line) {
        assertNull(FastPath.parse(line.isEmpty() ? new String[0] : line.split(" "), CALL), line);
    }

    /** Beside matching picocli: the values themselves are the caller's paths, and the call is the one given. */
    @Test
    void relativePathsAreTheCallersCwds() {
        FastPath.Parsed create = FastPath.parse("create --bundle B --pid-file B/init.pid c1".split(" "), CALL);
        CreateFlags flags = ((CreateCommand) create.command()).flags;
        assertEquals(Path.of("/caller/cwd/B"), flags.bundle);
        assertEquals(Path.of("/caller/cwd/B/init.pid"), flags.pidFile);
        assertEquals(CALL, create.top().call);

        FastPath.Parsed exec = FastPath.parse("exec --process p.json --pid-file /abs/e.pid -d c1".split(" "), CALL);
        ExecCommand e = (ExecCommand) exec.command();
        assertEquals(Path.of("/caller/cwd/p.json"), e.process);
        assertEquals(Path.of("/abs/e.pid"), e.pidFile);
    }

    /** Every instance field, CreateFlags expanded, except the picocli wiring (parent, spec). */
    private static Map<String, Object> fields(Object o) throws IllegalAccessException {
        Map<String, Object> out = new TreeMap<>();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("parent") || f.getName().equals("spec")
                    || f.getName().equals("log")) continue;
            f.setAccessible(true);
            Object v = f.get(o);
            if (v instanceof CreateFlags c) out.put(f.getName(), fields(c));
            else out.put(f.getName(), v);
        }
        return out;
    }
}
