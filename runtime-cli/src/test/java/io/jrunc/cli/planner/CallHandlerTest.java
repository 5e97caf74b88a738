package io.jrunc.cli.planner;

import static io.jrunc.cli.planner.FrontEndDouble.SYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.state.ContainerRecord;
import io.jrunc.core.state.StateStore;
import io.jrunc.sys.Syscalls;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call as the planner serves it, over real unix sockets: who may call, the answers in the order
 * docs/planner-protocol.md gives, and the caller's own cwd and stdio. The calls here need no container
 * process: --version, state of a saved record, state or delete of an unknown id.
 */
@Timeout(30)
class CallHandlerTest {
    static final String BUILD = "build-under-test";

    @TempDir Path tmp;
    private PlannerServer server;
    private Path log;

    @BeforeEach
    void server() {
        log = tmp.resolve("planner.log");
        server = new PlannerServer(SYS, tmp.resolve("planner.sock"), SYS.geteuid(), BUILD, Duration.ofMinutes(1), new PlannerLog(log));
    }

    private FrontEndDouble.Outcome call(Syscalls sys, int uid, String buildId, String... argv) throws Exception {
        try (FrontEndDouble fe = FrontEndDouble.request(buildId, tmp, Map.of("HOME", "/nonexistent"), List.of(argv))) {
            new CallHandler(sys, fe.plannerEnd(), uid, BUILD, server).run();
            return fe.outcome();
        }
    }

    private FrontEndDouble.Outcome call(String... argv) throws Exception {
        return call(SYS, SYS.geteuid(), BUILD, argv);
    }

    private String plannerLog() throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void aCallerOfAnotherUidGetsNoAnswerAtAll() throws Exception {
        int otherUid = SYS.geteuid() + 4242;
        FrontEndDouble.Outcome o = call(SYS, otherUid, BUILD, "--version");
        assertEquals(List.of(), o.answers(), "the connection is closed unanswered: the front end takes the cold path");
        assertEquals("", o.out());
        assertTrue(plannerLog().contains("refused a call from pid " + ProcessHandle.current().pid() + ": uid "
                + SYS.geteuid() + " is not " + otherUid), plannerLog());
    }

    @Test
    void anotherBuildGetsMismatchWithOursAndTheServerRetires() throws Exception {
        FrontEndDouble.Outcome o = call(SYS, SYS.geteuid(), "some-other-build", "state", "c1");
        assertEquals(List.of(Wire.MISMATCH), o.types(), "MISMATCH only: no ACCEPTED, no EXIT, nothing run");
        assertEquals(BUILD, o.first(Wire.MISMATCH).text());
        assertEquals("", o.out());
        assertEquals("", o.err());
        assertTrue(plannerLog().contains("a front end of build some-other-build called: retiring"), plannerLog());
    }

    @Test
    void aQueryIsAcceptedReadOnlyAndItsExitCodeComesBack() throws Exception {
        FrontEndDouble.Outcome o = call("--version");
        assertEquals(List.of(Wire.ACCEPTED, Wire.EXIT), o.types());
        assertEquals(Wire.ACCEPTED_READ_ONLY, o.first(Wire.ACCEPTED).u32());
        assertEquals(0, o.first(Wire.EXIT).u32());
        assertTrue(o.out().contains("version"), "--version printed to the caller's stdout: " + o.out());
    }

    @Test
    void aFailingCallExitsOneWithItsErrorOnTheCallersStderr() throws Exception {
        FrontEndDouble.Outcome o = call("--root", "root", "state", "nosuch");
        assertEquals(List.of(Wire.ACCEPTED, Wire.EXIT), o.types());
        assertEquals(Wire.ACCEPTED_READ_ONLY, o.first(Wire.ACCEPTED).u32());
        assertEquals(1, o.first(Wire.EXIT).u32());
        assertTrue(o.err().contains("container does not exist"), o.err());
    }

    @Test
    void aCallThatChangesStateIsNotReadOnly() throws Exception {
        FrontEndDouble.Outcome o = call("--root", "root", "delete", "nosuch");
        assertEquals(List.of(Wire.ACCEPTED, Wire.EXIT), o.types());
        assertEquals(0, o.first(Wire.ACCEPTED).u32());
        assertEquals(1, o.first(Wire.EXIT).u32());
    }

    @Test
    void relativePathsAreTheCallersCwdsAndOutputItsStdout() throws Exception {
        StateStore store = new StateStore(tmp.resolve("root"));
        store.reserve("c1");
        store.save(new ContainerRecord("1.2.0", "c1", 42, 1000, "/b", "/b/rootfs", "2026-11-23T00:00:00Z", "",
                Map.of(), Map.of(), Map.of(), false));
        FrontEndDouble.Outcome o = call("--root", "root", "state", "c1");
        assertEquals(0, o.first(Wire.EXIT).u32(), o.err());
        assertTrue(o.out().contains("\"id\": \"c1\""), o.out());
        assertTrue(o.out().contains("\"bundle\": \"/b\""), o.out());
    }

    @Test
    void anErrorInACallExitsOneAndRetiresThePlanner() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        int[] control = {-1};
        // The real syscalls, except that the first write to anything but the control socket throws
        // an Error: the call's first output.
        Syscalls failing = (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("writeFully") && (int) args[0] != control[0] && thrown.compareAndSet(false, true)) {
                        throw new InjectedError();
                    }
                    try {
                        return method.invoke(SYS, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (FrontEndDouble fe = FrontEndDouble.request(BUILD, tmp, Map.of(), List.of("--version"))) {
            control[0] = fe.plannerEnd();
            new CallHandler(failing, fe.plannerEnd(), SYS.geteuid(), BUILD, server).run();
            FrontEndDouble.Outcome o = fe.outcome();
            assertTrue(thrown.get());
            assertEquals(List.of(Wire.ACCEPTED, Wire.EXIT), o.types());
            assertEquals(1, o.first(Wire.EXIT).u32());
            assertTrue(o.err().contains("jrunc: the planner failed during this call") && o.err().contains("InjectedError"), o.err());
        }
        assertTrue(plannerLog().contains("a call failed with InjectedError: retiring"), plannerLog());
    }

    @Test
    void aRequestWithoutHelloIsDroppedUnanswered() throws Exception {
        try (FrontEndDouble fe = FrontEndDouble.raw(new int[] {Wire.ARGV, Wire.GO},
                new byte[][] {Wire.stringList(List.of("state", "c1")), new byte[0]})) {
            new CallHandler(SYS, fe.plannerEnd(), SYS.geteuid(), BUILD, server).run();
            assertEquals(List.of(), fe.outcome().answers());
        }
        assertTrue(plannerLog().contains("call dropped: no HELLO before GO"), plannerLog());
    }

    @Test
    void anUnknownMessageInARequestIsDroppedUnanswered() throws Exception {
        try (FrontEndDouble fe = FrontEndDouble.raw(new int[] {Wire.HELLO, Wire.EXITED, Wire.GO},
                new byte[][] {BUILD.getBytes(StandardCharsets.UTF_8), Wire.u32(0), new byte[0]})) {
            new CallHandler(SYS, fe.plannerEnd(), SYS.geteuid(), BUILD, server).run();
            assertEquals(List.of(), fe.outcome().answers());
        }
        assertTrue(plannerLog().contains("unexpected message " + Wire.EXITED), plannerLog());
        assertFalse(plannerLog().contains("retiring"), "a bad request is not a reason to retire: " + plannerLog());
    }

    /** Stands for any Error a call may hit (OutOfMemoryError, StackOverflowError...). */
    static final class InjectedError extends Error {
        InjectedError() {
            super("injected by the test");
        }
    }
}
