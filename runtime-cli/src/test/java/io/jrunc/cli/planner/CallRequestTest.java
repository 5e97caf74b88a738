package io.jrunc.cli.planner;

import static io.jrunc.cli.planner.FrontEndDouble.SYS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.init.InitChannel;
import io.jrunc.sys.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reading a request, HELLO to GO, on a real socketpair. Whatever goes wrong, the caller's fds that
 * came with it must not stay open in the long-lived planner: that is checked from the caller's side,
 * where the other end of its stdout reads EOF only once the planner closed its copy.
 */
@Timeout(30)
class CallRequestTest {
    private static final int POLLIN = 1;

    private Connection connection;
    private InitChannel ours;
    private int callersStdout = -1;

    @BeforeEach
    void connect() throws Exception {
        connection = Connection.open();
        ours = connection.frontEnd();
    }

    @AfterEach
    void close() {
        connection.close();
        FrontEndLink.closeQuietly(callersStdout);
    }

    private void send(int type, String text) throws ErrnoException {
        ours.send(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a stdio fd (one end of a new socketpair); the test keeps the other end. */
    private void sendStdout(int n) throws ErrnoException {
        int[] pipe = SYS.socketPair();
        ours.sendWithFd(Wire.STDIO, Wire.u32(n), pipe[1]);
        SYS.close(pipe[1]);
        callersStdout = pipe[0];
    }

    private CallRequest read() throws Exception {
        return CallRequest.read(new InitChannel(SYS, connection.plannerEnd()));
    }

    /** True once nobody holds the fd we sent: reading our end gives EOF instead of blocking. */
    private boolean plannerLetGoOfIt() throws ErrnoException {
        if (SYS.poll(callersStdout, POLLIN, 2000) == 0) return false;
        return SYS.read(callersStdout, new byte[1], 0, 1) == 0;
    }

    @Test
    void aWholeRequest() throws Exception {
        send(Wire.HELLO, "b1");
        ours.send(Wire.ARGV, Wire.stringList(List.of("--root", "/r", "state", "c1")));
        send(Wire.CWD, "/home/caller");
        ours.send(Wire.ENV, Wire.stringList(List.of("A=1", "B=x=y", "A=2", "NOVALUE", "=nameless", "EMPTY=")));
        sendStdout(1);
        ours.send(Wire.GO, new byte[0]);
        CallRequest r = read();
        assertEquals("b1", r.buildId());
        assertEquals(List.of("--root", "/r", "state", "c1"), r.argv());
        assertEquals(Path.of("/home/caller"), r.cwd());
        assertEquals(Map.of("A", "1", "B", "x=y", "EMPTY", ""), r.env(), "the first of a repeated name wins, as getenv finds it");
        assertEquals(-1, r.stdio()[0]);
        assertTrue(r.stdio()[1] >= 0);
        assertEquals(-1, r.stdio()[2]);
        r.closeStdio();
        assertTrue(plannerLetGoOfIt());
    }

    @Test
    void aCwdThatIsNotAbsoluteIsNone() throws Exception {
        send(Wire.HELLO, "b1");
        send(Wire.CWD, "(unreachable)/somewhere");
        ours.send(Wire.GO, new byte[0]);
        CallRequest r = read();
        assertNull(r.cwd(), "the caller's /proc/PID/cwd is used instead");
        assertArrayEquals(new int[] {-1, -1, -1}, r.stdio());
    }

    @Test
    void aFrontEndThatHangsUpBeforeGoLeavesNothingOpen() throws Exception {
        send(Wire.HELLO, "b1");
        sendStdout(1);
        connection.hangUp();
        assertNull(read());
        assertTrue(plannerLetGoOfIt());
    }

    @Test
    void aStdioNumberOutOfRangeIsAProtocolError() throws Exception {
        send(Wire.HELLO, "b1");
        sendStdout(3);
        assertEquals("bad STDIO message", assertThrows(CallRequest.ProtocolException.class, this::read).getMessage());
        assertTrue(plannerLetGoOfIt());
    }

    @Test
    void aStdioWithoutAnFdIsAProtocolError() throws Exception {
        send(Wire.HELLO, "b1");
        ours.send(Wire.STDIO, Wire.u32(0));
        assertEquals("bad STDIO message", assertThrows(CallRequest.ProtocolException.class, this::read).getMessage());
    }

    @Test
    void theSameStdioTwiceIsAProtocolErrorAndClosesBoth() throws Exception {
        send(Wire.HELLO, "b1");
        sendStdout(1);
        int first = callersStdout;
        sendStdout(1);
        assertThrows(CallRequest.ProtocolException.class, this::read);
        assertTrue(plannerLetGoOfIt(), "the second fd");
        callersStdout = first;
        assertTrue(plannerLetGoOfIt(), "the first fd, received before the error");
    }

    @Test
    void anUnexpectedMessageClosesTheFdsReceivedBeforeIt() throws Exception {
        send(Wire.HELLO, "b1");
        sendStdout(2);
        ours.send(Wire.EXITED, Wire.u32(0));
        CallRequest.ProtocolException e = assertThrows(CallRequest.ProtocolException.class, this::read);
        assertEquals("unexpected message " + Wire.EXITED + " in a request", e.getMessage());
        assertTrue(plannerLetGoOfIt());
    }

    @Test
    void goWithoutHelloIsAProtocolErrorAndClosesTheFds() throws Exception {
        sendStdout(0);
        ours.send(Wire.GO, new byte[0]);
        assertEquals("no HELLO before GO", assertThrows(CallRequest.ProtocolException.class, this::read).getMessage());
        assertTrue(plannerLetGoOfIt());
    }
}
