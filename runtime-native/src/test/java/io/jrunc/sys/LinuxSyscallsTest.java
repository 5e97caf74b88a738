package io.jrunc.sys;

import static io.jrunc.sys.Syscalls.OpenFlags.O_CLOEXEC;
import static io.jrunc.sys.Syscalls.OpenFlags.O_NONBLOCK;
import static io.jrunc.sys.Syscalls.OpenFlags.O_RDONLY;
import static io.jrunc.sys.Syscalls.OpenFlags.O_WRONLY;
import static io.jrunc.sys.Syscalls.PollEvents.POLLIN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jrunc.sys.Syscalls.FdMapping;
import io.jrunc.sys.Syscalls.Received;
import io.jrunc.sys.Syscalls.WaitStatus;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxSyscallsTest {

    private static final int SIGKILL = 9, SIGTERM = 15, ESRCH = 3;

    private final Syscalls sys = Syscalls.linux();
    private final List<Integer> openFds = new ArrayList<>();
    private final List<Integer> children = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void cleanUp() {
        for (int pid : children) {
            try {
                sys.kill(pid, SIGKILL);
            } catch (ErrnoException ignored) {
                // already gone
            }
            try {
                sys.waitpid(pid, 0);
            } catch (ErrnoException ignored) {
                // already reaped
            }
        }
        for (int fd : openFds) {
            try {
                sys.close(fd);
            } catch (ErrnoException ignored) {
                // closed by the test
            }
        }
    }

    private int[] pair() throws ErrnoException {
        int[] p = sys.socketPair();
        openFds.add(p[0]);
        openFds.add(p[1]);
        return p;
    }

    private int spawn(List<String> argv, List<String> envp, List<FdMapping> dup2) throws ErrnoException {
        int pid = sys.spawn(argv.get(0), argv, envp, dup2);
        children.add(pid);
        return pid;
    }

    private WaitStatus reap(int pid) throws ErrnoException {
        WaitStatus status = sys.waitpid(pid, 0);
        children.remove((Integer) pid);
        return status;
    }

    private String readToEof(int fd) throws ErrnoException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = sys.read(fd, buf, 0, buf.length)) > 0) out.write(buf, 0, n);
        return out.toString(UTF_8);
    }

    private static Map<String, String> procStatus(int pid) throws Exception {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        return fields;
    }

    @Test
    void socketPairRoundTrip() throws Exception {
        int[] p = pair();
        sys.writeFully(p[0], "hello world".getBytes(UTF_8));
        byte[] buf = new byte[64];
        int n = sys.read(p[1], buf, 3, 20);
        assertEquals("hello world", new String(buf, 3, n, UTF_8));

        byte[] big = new byte[1 << 20]; // larger than the socket buffer: short writes happen
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                sys.writeFully(p[0], big);
                sys.close(p[0]);
            } catch (ErrnoException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while ((n = sys.read(p[1], chunk, 0, chunk.length)) > 0) got.write(chunk, 0, n);
        writer.join();
        assertArrayEquals(big, got.toByteArray());
    }

    @Test
    void spawnMapsFdIntoChild() throws Exception {
        int[] p = pair();
        int pid = spawn(List.of("/bin/sh", "-c", "echo hi >&5"), List.of(), List.of(new FdMapping(p[1], 5)));
        sys.close(p[1]); // the child holds the only other copy (the pair is close-on-exec)
        assertEquals("hi\n", readToEof(p[0]));
        WaitStatus status = reap(pid);
        assertTrue(status.exited());
        assertEquals(0, status.exitCode());
    }

    @Test
    void spawnPassesArgvAndEnvp() throws Exception {
        int[] p = pair();
        int pid = spawn(List.of("/bin/sh", "-c", "echo \"$FOO|$0|$1|$BAR\"", "zero", "one two"),
                List.of("FOO=foo value", "BAR=bär"), List.of(new FdMapping(p[1], 1)));
        sys.close(p[1]);
        assertEquals("foo value|zero|one two|bär\n", readToEof(p[0]));
        assertEquals(0, reap(pid).shellStatus());
    }

    @Test
    void identityMappingClearsCloseOnExec() throws Exception {
        int[] p = pair(); // close-on-exec; dup2(fd, fd) must clear the flag in the child
        int pid = spawn(List.of("/bin/bash", "-c", "echo same >&" + p[1]), List.of(),
                List.of(new FdMapping(p[1], p[1])));
        sys.close(p[1]);
        assertEquals("same\n", readToEof(p[0]));
        assertEquals(0, reap(pid).shellStatus());
    }

    @Test
    void mappingsThatOverlapAreNotClobbered() throws Exception {
        int[] a = pair();
        int[] b = pair();
        // First b[1] lands on a[1]'s number, then a[1] must still reach fd 7.
        List<FdMapping> maps = List.of(new FdMapping(b[1], a[1]), new FdMapping(a[1], 7));
        int pid = spawn(List.of("/bin/bash", "-c", "echo to-a >&7; echo to-b >&" + a[1]), List.of(), maps);
        sys.close(a[1]);
        sys.close(b[1]);
        assertEquals("to-a\n", readToEof(a[0]));
        assertEquals("to-b\n", readToEof(b[0]));
        assertEquals(0, reap(pid).shellStatus());
    }

    @Test
    void childGetsOnlyStdioAndMappedFds() throws Exception {
        assertOnlyStdioAndMappedFds();
    }

    @Test
    void childGetsOnlyStdioAndMappedFdsWithoutCloseFrom() throws Exception {
        Spawn.useCloseFrom = false;
        try {
            assertOnlyStdioAndMappedFds();
        } finally {
            Spawn.useCloseFrom = true;
        }
    }

    private void assertOnlyStdioAndMappedFds() throws Exception {
        // java.io streams are not close-on-exec: without the close actions they would leak.
        try (var leaky = new java.io.FileInputStream("/etc/hostname")) {
            int[] a = pair();
            int[] b = pair();
            int pid = spawn(List.of("/bin/sleep", "100"), List.of(),
                    List.of(new FdMapping(a[1], 3), new FdMapping(b[1], 7)));
            awaitAsleep(pid);
            java.util.Set<String> fds = new java.util.TreeSet<>(List.of(new java.io.File("/proc/" + pid + "/fd").list()));
            assertEquals(new java.util.TreeSet<>(List.of("0", "1", "2", "3", "7")), fds);
            String inode = Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/7")).toString();
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/" + b[1])).toString(), inode);
        }
    }

    /**
     * Waits until the child sleeps in nanosleep. Right after exec the dynamic loader of
     * /bin/sleep opens its libraries at the lowest free fd (4 here) and closes them again:
     * listing /proc/PID/fd during that window sees a fd that is not a leak.
     */
    private static void awaitAsleep(int pid) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String syscall = Files.readString(Path.of("/proc/" + pid + "/syscall")).split(" ")[0];
            // state after "(comm) "; syscall 35 = nanosleep, 230 = clock_nanosleep (x86_64)
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'S' && (syscall.equals("35") || syscall.equals("230"))) return;
            Thread.sleep(5);
        }
        throw new AssertionError("child " + pid + " never reached nanosleep");
    }

    @Test
    void mappingsMaySwap() throws Exception {
        int[] a = pair();
        int[] b = pair();
        // a[1] goes to b[1]'s number and b[1] to a[1]'s: a naive dup2 sequence would lose one.
        List<FdMapping> swap = List.of(new FdMapping(a[1], b[1]), new FdMapping(b[1], a[1]));
        int pid = spawn(List.of("/bin/bash", "-c", "echo for-a >&" + b[1] + "; echo for-b >&" + a[1]), List.of(), swap);
        sys.close(a[1]);
        sys.close(b[1]);
        assertEquals("for-a\n", readToEof(a[0]));
        assertEquals("for-b\n", readToEof(b[0]));
        assertEquals(0, reap(pid).shellStatus());
    }

    @Test
    void spawnOfMissingBinaryFails() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> sys.spawn("/nonexistent/bin", List.of("x"), List.of(), List.of()));
        assertEquals(2, e.errno());
        assertTrue(e.getMessage().contains("/nonexistent/bin"), e.getMessage());
    }

    @Test
    void waitpidReportsExitCode() throws Exception {
        int pid = spawn(List.of("/bin/sh", "-c", "exit 7"), List.of(), List.of());
        WaitStatus status = reap(pid);
        assertEquals(pid, status.pid());
        assertTrue(status.exited());
        assertFalse(status.signaled());
        assertEquals(7, status.exitCode());
        assertEquals(7, status.shellStatus());
    }

    @Test
    void waitpidReportsKillSignal() throws Exception {
        int pid = spawn(List.of("/bin/sleep", "100"), List.of(), List.of());
        assertNull(sys.waitpid(pid, Syscalls.WaitOptions.WNOHANG));
        sys.kill(pid, SIGKILL);
        WaitStatus status = reap(pid);
        assertFalse(status.exited());
        assertTrue(status.signaled());
        assertEquals(9, status.termSignal());
        assertEquals(137, status.shellStatus());
    }

    @Test
    void waitStatusDecoding() {
        assertTrue(new WaitStatus(1, 0x0200).exited());
        assertEquals(2, new WaitStatus(1, 0x0200).exitCode());
        assertTrue(new WaitStatus(1, 0x0009).signaled());
        WaitStatus core = new WaitStatus(1, 0x0086); // SIGABRT with core dump
        assertTrue(core.signaled());
        assertEquals(6, core.termSignal());
        assertEquals(134, core.shellStatus());
        assertFalse(new WaitStatus(1, 0x137f).signaled()); // stopped by SIGSTOP
        assertFalse(new WaitStatus(1, 0x137f).exited());
        assertFalse(new WaitStatus(1, 0xffff).signaled()); // continued
    }

    /** Blocks SIGTTOU in this thread and ignores SIGTTIN, so the test shows spawn undoes both. */
    @Test
    void childHasNoBlockedOrIgnoredSignals() throws Throwable {
        Linker linker = Linker.nativeLinker();
        var lookup = linker.defaultLookup();
        MethodHandle sigprocmask = linker.downcallHandle(lookup.find("pthread_sigmask").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MethodHandle signal = linker.downcallHandle(lookup.find("signal").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        final int SIG_BLOCK = 0, SIG_SETMASK = 2, SIGTTIN = 21, SIGTTOU = 22;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(128);
            MemorySegment old = arena.allocate(128);
            set.set(ValueLayout.JAVA_LONG, 0, 1L << (SIGTTOU - 1));
            assertEquals(0, (int) sigprocmask.invokeExact(SIG_BLOCK, set, old));
            MemorySegment oldHandler = (MemorySegment) signal.invokeExact(SIGTTIN, MemorySegment.ofAddress(1)); // SIG_IGN
            try {
                assertNotEquals("0000000000000000", procStatus((int) ProcessHandle.current().pid()).get("SigIgn"));
                int pid = spawn(List.of("/bin/sleep", "100"), List.of(), List.of());
                Map<String, String> status = procStatus(pid);
                assertEquals("sleep", status.get("Name"));
                assertEquals("0000000000000000", status.get("SigBlk"));
                assertEquals("0000000000000000", status.get("SigIgn"));
                sys.kill(pid, SIGKILL);
                reap(pid);
            } finally {
                MemorySegment ignored = (MemorySegment) signal.invokeExact(SIGTTIN, oldHandler);
                int r = (int) sigprocmask.invokeExact(SIG_SETMASK, old, MemorySegment.NULL);
            }
        }
    }

    @Test
    void fdTravelsThroughUnixSocket() throws Exception {
        Path file = tmp.resolve("secret.txt");
        Files.writeString(file, "secret contents");
        int fileFd = sys.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        openFds.add(fileFd);

        String socketPath = tmp.resolve("console.sock").toString();
        int listenFd = sys.listenUnix(socketPath);
        openFds.add(listenFd);

        // The connection is queued in the backlog and the message buffered, so no thread is needed.
        sys.sendFdToUnixSocket(socketPath, fileFd, "/dev/pts/7".getBytes(UTF_8));
        int conn = sys.accept(listenFd);
        openFds.add(conn);
        byte[] buf = new byte[64];
        Received got = sys.receiveWithFd(conn, buf, 0, buf.length);
        assertEquals("/dev/pts/7", new String(buf, 0, got.bytes(), UTF_8));
        assertTrue(got.fd() >= 0);
        openFds.add(got.fd());
        assertNotEquals(fileFd, got.fd());
        assertEquals("secret contents", readToEof(got.fd()));
        assertEquals(0, sys.read(conn, buf, 0, buf.length)); // sender closed its end

        // An empty payload still carries the fd (as one NUL byte).
        sys.sendFdToUnixSocket(socketPath, fileFd, new byte[0]);
        int conn2 = sys.accept(listenFd);
        openFds.add(conn2);
        Received second = sys.receiveWithFd(conn2, buf, 0, buf.length);
        openFds.add(second.fd());
        assertEquals(1, second.bytes());
        assertEquals(0, buf[0]);
        assertTrue(second.fd() >= 0);

        // Plain data without an fd.
        int[] p = pair();
        sys.writeFully(p[0], "no fd".getBytes(UTF_8));
        Received plain = sys.receiveWithFd(p[1], buf, 0, buf.length);
        assertEquals(-1, plain.fd());
        assertEquals("no fd", new String(buf, 0, plain.bytes(), UTF_8));
    }

    /** The sending side against a listener made by the JDK (which cannot receive fds, but sees the payload). */
    @Test
    void sendFdToJdkListener() throws Exception {
        Path socketPath = tmp.resolve("jdk.sock");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socketPath));
            sys.sendFdToUnixSocket(socketPath.toString(), 0, "payload".getBytes(UTF_8));
            try (var accepted = server.accept()) {
                var buf = java.nio.ByteBuffer.allocate(64);
                while (accepted.read(buf) >= 0) {
                    // until the sender's close
                }
                assertEquals("payload", new String(buf.array(), 0, buf.position(), UTF_8));
            }
        }
    }

    @Test
    void sendWithFdOverSocketPair() throws Exception {
        int[] p = pair();
        int[] passed = pair();
        sys.sendWithFd(p[0], passed[1], "take this".getBytes(UTF_8));
        byte[] buf = new byte[32];
        Received got = sys.receiveWithFd(p[1], buf, 4, 20);
        openFds.add(got.fd());
        assertEquals("take this", new String(buf, 4, got.bytes(), UTF_8));
        sys.writeFully(got.fd(), "via received fd".getBytes(UTF_8));
        int n = sys.read(passed[0], buf, 0, buf.length);
        assertEquals("via received fd", new String(buf, 0, n, UTF_8));
    }

    @Test
    void unixSocketErrorsNameThePath() {
        String missing = tmp.resolve("nobody-listens.sock").toString();
        ErrnoException e = assertThrows(ErrnoException.class, () -> sys.sendFdToUnixSocket(missing, 0, new byte[1]));
        assertEquals(2, e.errno());
        assertEquals("connect " + missing, e.call());
        String tooLong = "/tmp/" + "x".repeat(200);
        assertEquals(36, assertThrows(ErrnoException.class, () -> sys.sendFdToUnixSocket(tooLong, 0, new byte[1])).errno());
    }

    @Test
    void fifoOpenNonBlockingAndPoll() throws Exception {
        String fifo = tmp.resolve("exec.fifo").toString();
        sys.mkfifo(fifo, 0622);
        assertTrue(Files.readAttributes(Path.of(fifo), java.nio.file.attribute.BasicFileAttributes.class).isOther());
        int reader = sys.open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
        openFds.add(reader);
        assertEquals(0, sys.poll(reader, POLLIN, 50)); // no writer yet: times out
        int writer = sys.open(fifo, O_WRONLY | O_CLOEXEC, 0);
        openFds.add(writer);
        sys.writeFully(writer, new byte[] {'0'});
        assertTrue((sys.poll(reader, POLLIN, 1000) & POLLIN) != 0);
        byte[] buf = new byte[4];
        assertEquals(1, sys.read(reader, buf, 0, 4));
        assertEquals('0', buf[0]);

        ErrnoException exists = assertThrows(ErrnoException.class, () -> sys.mkfifo(fifo, 0600));
        assertEquals(17, exists.errno()); // EEXIST
    }

    @Test
    void killAndPidfd() throws Exception {
        int pid = spawn(List.of("/bin/sleep", "100"), List.of(), List.of());
        sys.kill(pid, 0);
        int pidfd = sys.pidfdOpen(pid);
        openFds.add(pidfd);
        assertTrue(pidfd >= 0);
        assertEquals(0, sys.poll(pidfd, POLLIN, 0)); // pidfd becomes readable when the process exits
        sys.pidfdSendSignal(pidfd, SIGTERM);
        assertTrue((sys.poll(pidfd, POLLIN, 5000) & POLLIN) != 0);
        WaitStatus status = reap(pid);
        assertTrue(status.signaled());
        assertEquals(SIGTERM, status.termSignal());
        ErrnoException gone = assertThrows(ErrnoException.class, () -> sys.pidfdSendSignal(pidfd, 0));
        assertEquals(ESRCH, gone.errno());
        assertTrue(gone.getMessage().startsWith("pidfd_send_signal fd " + pidfd), gone.getMessage());
        ErrnoException noChild = assertThrows(ErrnoException.class, () -> sys.waitpid(pid, 0));
        assertEquals(10, noChild.errno()); // ECHILD
    }

    @Test
    void killOfMissingProcessNamesThePid() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> sys.kill(999_999_999, 0));
        assertEquals(ESRCH, e.errno());
        assertTrue(e.getMessage().startsWith("kill 999999999"), e.getMessage());
    }

    @Test
    void becomeSubreaperAdoptsOrphans() throws Exception {
        sys.becomeSubreaper();
        int[] p = pair();
        // The shell starts a background sleep, prints its pid and exits: the sleep is orphaned.
        int shell = spawn(List.of("/bin/sh", "-c", "sleep 100 & echo $!"), List.of(),
                List.of(new FdMapping(p[1], 1)));
        sys.close(p[1]);
        byte[] buf = new byte[32];
        int n = sys.read(p[0], buf, 0, buf.length);
        int orphan = Integer.parseInt(new String(buf, 0, n, UTF_8).trim());
        children.add(orphan);
        assertEquals(0, reap(shell).shellStatus());
        assertEquals(String.valueOf(sys.getpid()), procStatus(orphan).get("PPid"));
        sys.kill(orphan, SIGKILL);
        assertEquals(137, reap(orphan).shellStatus()); // only possible because we adopted it
    }

    @Test
    void openOfMissingFile() {
        String path = tmp.resolve("missing").toString();
        ErrnoException e = assertThrows(ErrnoException.class, () -> sys.open(path, O_RDONLY, 0));
        assertEquals(2, e.errno());
        assertEquals("open " + path, e.call());
        assertEquals("open " + path + ": No such file or directory", e.getMessage());
    }

    @Test
    void strerrorText() {
        assertEquals("No such file or directory", sys.strerror(2));
        assertEquals("Operation not permitted", sys.strerror(1));
        assertNotNull(sys.strerror(99999));
    }

    @Test
    void pidAndUid() {
        assertEquals(ProcessHandle.current().pid(), sys.getpid());
        assertEquals(0, sys.geteuid(), "tests run as root");
    }

    @Test
    void mountAndUnmountTmpfs() throws Exception {
        assumeTrue(sys.geteuid() == 0);
        Path target = Files.createDirectory(tmp.resolve("mnt"));
        try {
            sys.mount("jrunc-test", target.toString(), "tmpfs", 0, "size=1m,mode=0700");
        } catch (ErrnoException e) {
            assumeTrue(e.errno() != 1, "mount not permitted here: " + e.getMessage());
            throw e;
        }
        try {
            String mounts = Files.readString(Path.of("/proc/self/mounts"));
            assertTrue(mounts.contains(" " + target + " tmpfs "), mounts);
        } finally {
            sys.umount2(target.toString(), 0);
        }
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(" " + target + " "));
        ErrnoException notMounted = assertThrows(ErrnoException.class, () -> sys.umount2(target.toString(), 0));
        assertEquals(22, notMounted.errno()); // EINVAL
        assertEquals("umount2 " + target, notMounted.call());
    }

    @Test
    void closeOfBadFd() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> sys.close(987_654));
        assertEquals(9, e.errno()); // EBADF
        assertEquals("close fd 987654: Bad file descriptor", e.getMessage());
    }
}
