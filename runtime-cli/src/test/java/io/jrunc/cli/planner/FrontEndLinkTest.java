package io.jrunc.cli.planner;

import static io.jrunc.cli.planner.FrontEndDouble.SYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.core.JruncException;
import io.jrunc.core.init.HelperStart;
import io.jrunc.core.init.InitChannel;
import io.jrunc.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the planner asks of the front end during a call (SPAWN, TTY, WAIT, EXIT), over a real
 * socketpair. The test plays the front end; its answer is written before the planner asks, since
 * the socket holds it until read.
 */
@Timeout(30)
class FrontEndLinkTest {
    private static final int ENOENT = 2;

    private Connection connection;
    private InitChannel ours;
    private FrontEndLink link;

    @BeforeEach
    void connect() throws Exception {
        connection = Connection.open();
        ours = connection.frontEnd();
        link = new FrontEndLink(SYS, connection.plannerEnd());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    /** A spawn the front end answers with a helper (pid 7); the body of the SPAWN it was asked. */
    private ByteBuffer spawnAnswered(int preserveFds) throws Exception {
        int[] helper = SYS.socketPair();
        ours.sendWithFd(Wire.SPAWNED, Wire.u32(7), helper[1]);
        SYS.close(helper[1]);
        SYS.close(link.spawn(preserveFds).socket());
        SYS.close(helper[0]);
        InitChannel.Message spawn = ours.receive();
        assertEquals(Wire.SPAWN, spawn.type());
        return spawn.body();
    }

    private static ByteBuffer le(byte[] body) {
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void spawnAsksForTheHelperAndGetsItsSocketAndPid() throws Exception {
        int[] helper = SYS.socketPair();
        ours.sendWithFd(Wire.SPAWNED, Wire.u32(4242), helper[1]);
        SYS.close(helper[1]);

        link.subreaperForNextSpawn();
        HelperStart.Started started = link.spawn(2);

        assertEquals(4242, started.pid());
        InitChannel.Message spawn = ours.receive();
        assertEquals(Wire.SPAWN, spawn.type());
        assertEquals(2, spawn.body().getInt(), "preserve_fds");
        assertEquals(Wire.SPAWN_SUBREAPER, spawn.body().getInt(), "flags");
        // The fd we got is the helper's socket: what we write there comes out at the helper's end.
        SYS.writeFully(started.socket(), "plan".getBytes(StandardCharsets.UTF_8));
        byte[] got = new byte[4];
        assertEquals(4, SYS.read(helper[0], got, 0, 4));
        assertEquals("plan", new String(got, StandardCharsets.UTF_8));
        SYS.close(started.socket());
        SYS.close(helper[0]);
    }

    @Test
    void withoutAForegroundTheSpawnAsksForNoSubreaper() throws Exception {
        ByteBuffer spawn = spawnAnswered(0);
        assertEquals(0, spawn.getInt());
        assertEquals(0, spawn.getInt());
    }

    @Test
    void aFailedSpawnNamesTheStepAndTheErrno() throws Exception {
        byte[] step = "fexecve".getBytes(StandardCharsets.UTF_8);
        ours.send(Wire.SPAWN_FAILED, ByteBuffer.allocate(4 + step.length).order(ByteOrder.LITTLE_ENDIAN).putInt(ENOENT).put(step).array());
        JruncException e = assertThrows(JruncException.class, () -> link.spawn(0));
        assertEquals("init: cannot start jrunc-init: fexecve: " + SYS.strerror(ENOENT), e.getMessage());
    }

    @Test
    void spawnedWithoutASocketIsAnError() throws Exception {
        ours.send(Wire.SPAWNED, Wire.u32(7));
        JruncException e = assertThrows(JruncException.class, () -> link.spawn(0));
        assertEquals("init: the front end sent no helper socket", e.getMessage());
    }

    @Test
    void awaitSendsPidAndCleanupAndReturnsTheRawStatus() throws Exception {
        ours.send(Wire.EXITED, Wire.u32(3 << 8));
        Syscalls.WaitStatus st = link.await(77, List.of("--root", "/r", "delete", "--force", "c1"));
        assertEquals(new Syscalls.WaitStatus(77, 3 << 8), st);
        assertEquals(3, st.shellStatus());
        InitChannel.Message wait = ours.receive();
        assertEquals(Wire.WAIT, wait.type());
        assertEquals(77, wait.body().getInt());
        assertEquals(List.of("--root", "/r", "delete", "--force", "c1"), Wire.strings(wait.body()));
    }

    @Test
    void anotherAnswerThanExitedIsAnError() throws Exception {
        ours.send(Wire.GO, new byte[0]);
        JruncException e = assertThrows(JruncException.class, () -> link.await(77, List.of()));
        assertEquals("unexpected message " + Wire.GO + " from jrunc's front end", e.getMessage());
    }

    @Test
    void aFrontEndThatHungUpFailsTheCall() {
        connection.hangUp();
        JruncException e = assertThrows(JruncException.class, () -> link.await(77, List.of()));
        assertTrue(e.getMessage().startsWith("the caller (jrunc's front end) hung up"), e.getMessage());
        link.exit(0); // nobody to tell, and no exception for it
    }

    @Test
    void theTerminalGoesToTheFrontEndAndOurCopyIsClosed() throws Exception {
        int[] pty = SYS.socketPair(); // stands for the pty master: any fd passes the same way
        link.terminal(pty[1]);
        assertFalse(Files.exists(Path.of("/proc/self/fd/" + pty[1])), "the planner keeps no copy of the master");
        InitChannel.Message tty = ours.receive();
        assertEquals(Wire.TTY, tty.type());
        assertTrue(tty.fd() >= 0);
        SYS.writeFully(pty[0], "x".getBytes(StandardCharsets.UTF_8));
        byte[] got = new byte[1];
        assertEquals(1, SYS.read(tty.fd(), got, 0, 1), "the fd the front end got is the master");
        SYS.close(tty.fd());
        SYS.close(pty[0]);
    }

    @Test
    void aForegroundAsksTheNextSpawnForASubreaperAndWaitsThroughTheFrontEnd() throws Exception {
        FrontEndForeground fg = new FrontEndForeground(link, -1);
        fg.attach();
        assertNull(fg.callerWindowSize(), "no caller stdin: no window size");
        ByteBuffer spawn = spawnAnswered(0);
        spawn.getInt();
        assertEquals(Wire.SPAWN_SUBREAPER, spawn.getInt());

        ours.send(Wire.EXITED, Wire.u32(9)); // killed by SIGKILL
        assertEquals(128 + 9, fg.await(7, List.of()));
    }

    @Test
    void exitSendsTheCode() throws Exception {
        link.exit(137);
        InitChannel.Message exit = ours.receive();
        assertEquals(Wire.EXIT, exit.type());
        assertEquals(137, le(exit.body().array()).getInt());
    }
}
