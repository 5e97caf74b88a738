package io.jrunc.cli.planner;

import static io.jrunc.cli.planner.FrontEndDouble.SYS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The planner's accept loop on a real socket: it serves, retires on a build mismatch, and exits when idle. */
@Timeout(30)
class PlannerServerTest {
    @TempDir Path tmp;

    private record Frame(int type, byte[] body) {}

    private CompletableFuture<Void> serving(PlannerServer server, Path socket) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < 500 && !Files.exists(socket); i++) Thread.sleep(10);
        assertTrue(Files.exists(socket), "the planner never bound " + socket);
        return done;
    }

    /** A front end without stdio fds: java.nio cannot pass them, and a call works without them. */
    private static List<Frame> exchange(Path socket, String buildId, List<String> argv) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            send(ch, Wire.HELLO, buildId.getBytes(StandardCharsets.UTF_8));
            send(ch, Wire.ARGV, Wire.stringList(argv));
            send(ch, Wire.GO, new byte[0]);
            List<Frame> frames = new ArrayList<>();
            for (Frame f; (f = receive(ch)) != null; ) frames.add(f);
            return frames;
        }
    }

    private static void send(SocketChannel ch, int type, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(body.length).put(body);
        b.flip();
        while (b.hasRemaining()) ch.write(b);
    }

    private static Frame receive(SocketChannel ch) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (!fill(ch, header)) return null;
        int type = header.getInt(0);
        ByteBuffer body = ByteBuffer.allocate(header.getInt(4));
        if (!fill(ch, body)) return null;
        return new Frame(type, body.array());
    }

    private static boolean fill(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) if (ch.read(b) < 0) return false;
        return true;
    }

    private static int u32(byte[] body) {
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void servesCallsThenRetiresOnAnotherBuildAndRemovesItsSocket() throws Exception {
        Path socket = tmp.resolve("planner.sock");
        PlannerServer server = new PlannerServer(SYS, socket, SYS.geteuid(), "b1", Duration.ofMinutes(5), new PlannerLog(tmp.resolve("planner.log")));
        CompletableFuture<Void> done = serving(server, socket);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

        List<Frame> served = exchange(socket, "b1", List.of("--version"));
        assertEquals(List.of(Wire.ACCEPTED, Wire.EXIT), served.stream().map(Frame::type).toList());
        assertEquals(0, u32(served.get(1).body()));
        assertFalse(done.isDone());

        List<Frame> refused = exchange(socket, "b2", List.of("--version"));
        assertEquals(List.of(Wire.MISMATCH), refused.stream().map(Frame::type).toList());
        assertArrayEquals("b1".getBytes(StandardCharsets.UTF_8), refused.get(0).body());
        assertNull(done.get(5, TimeUnit.SECONDS), "serve() returned");
        assertFalse(Files.exists(socket), "a retired planner removes its socket: the next front end starts a new one");
        String log = Files.readString(tmp.resolve("planner.log"));
        assertTrue(log.contains("a front end of build b2 called: retiring"), log);
    }

    @Test
    void exitsWhenIdle() throws Exception {
        Path socket = tmp.resolve("idle.sock");
        PlannerServer server = new PlannerServer(SYS, socket, SYS.geteuid(), "b1", Duration.ofMillis(300), new PlannerLog(tmp.resolve("idle.log")));
        CompletableFuture<Void> done = serving(server, socket);
        done.get(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(socket));
        assertTrue(Files.readString(tmp.resolve("idle.log")).contains("after 0 calls: exiting"));
    }

    @Test
    void leavesASocketThatIsNoLongerItsOwn() throws Exception {
        Path socket = tmp.resolve("replaced.sock");
        PlannerServer server = new PlannerServer(SYS, socket, SYS.geteuid(), "b1", Duration.ofMinutes(5), new PlannerLog(tmp.resolve("r.log")));
        CompletableFuture<Void> done = serving(server, socket);
        // A newer planner took the path over (its own socket file there): retiring must not remove it.
        Files.delete(socket);
        Files.writeString(socket, "the newer planner's");
        server.retire("test");
        done.get(10, TimeUnit.SECONDS);
        assertEquals("the newer planner's", Files.readString(socket));
    }
}
