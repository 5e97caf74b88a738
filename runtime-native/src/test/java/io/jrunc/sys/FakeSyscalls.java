package io.jrunc.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test double of {@link Syscalls}: no call reaches the kernel. It records every call (name and
 * arguments, in order), returns scripted results, and fails any call with an errno: by name
 * ({@link #failOn}), or the n-th call of the whole run ({@link #failAtCall}), which lets a test
 * inject a failure at every step of an operation in turn.
 *
 * <p>Without a script each call does the least that keeps a caller going: fds are new small
 * numbers (tracked until closed: {@link #openFds()}), {@code spawn} returns a new fake pid
 * ({@link #spawned()}), {@code mkfifo} makes an empty regular file (Java cannot make a fifo; a
 * test that needs one's blocking makes a real one), {@code waitpid} of a pid reports exit status 0 (of any
 * child: ECHILD), reads
 * return EOF, {@code getpid} is this JVM's pid, {@code geteuid} is 0 unless set.
 *
 * <p>Shared by runtime-core's tests through runtime-native's test jar.
 */
public final class FakeSyscalls implements Syscalls {

    /** One recorded call. */
    public record Call(String name, List<Object> args) {
        @Override
        public String toString() {
            return name + args;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Object>> scripts = new HashMap<>();
    private final Map<String, Integer> failing = new HashMap<>();
    private final Map<String, Action> actions = new HashMap<>();
    private final Set<Integer> openFds = new LinkedHashSet<>();
    private final List<Integer> spawned = new ArrayList<>();
    private int failAt = -1, failAtErrno;
    private int nextFd = 100, nextPid = 900_000;
    private int euid;

    /** Every later call named {@code name} fails with {@code errno}. */
    public synchronized FakeSyscalls failOn(String name, int errno) {
        failing.put(name, errno);
        return this;
    }

    /** The {@code index}-th call from now on (0 = the next one), whatever its name, fails with {@code errno}. */
    public synchronized FakeSyscalls failAtCall(int index, int errno) {
        failAt = calls.size() + index;
        failAtErrno = errno;
        return this;
    }

    /**
     * The next calls named {@code name} return these results in order (then the default again). A
     * result that is an {@link ErrnoException} is thrown instead.
     */
    public synchronized FakeSyscalls script(String name, Object... results) {
        scripts.computeIfAbsent(name, k -> new ArrayDeque<>()).addAll(Arrays.asList(results));
        return this;
    }

    /** What a test's simulated kernel does on a call (a kill that ends a test process, say): runs after it is recorded. */
    @FunctionalInterface
    public interface Action {
        void run(List<Object> args) throws ErrnoException;
    }

    /** Runs {@code action} on every later call named {@code name} that is not failed. */
    public synchronized FakeSyscalls onCall(String name, Action action) {
        actions.put(name, action);
        return this;
    }

    public synchronized FakeSyscalls euid(int uid) {
        euid = uid;
        return this;
    }

    /** Every call so far, in order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls so far named {@code name}. */
    public synchronized List<Call> calls(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).toList();
    }

    /** The fds this double handed out (sockets, opens, memfds...) that were not closed. */
    public synchronized Set<Integer> openFds() {
        return Set.copyOf(openFds);
    }

    /** The pids {@code spawn} returned. */
    public synchronized List<Integer> spawned() {
        return List.copyOf(spawned);
    }

    /** Records the call, throws a failure set for it, returns its scripted result or null. */
    private synchronized Object enter(String name, Object... args) throws ErrnoException {
        int index = calls.size();
        calls.add(new Call(name, Arrays.asList(args)));
        if (index == failAt && !CANNOT_FAIL.contains(name)) throw new ErrnoException(name, failAtErrno, "injected errno " + failAtErrno);
        Integer errno = failing.get(name);
        if (errno != null) throw new ErrnoException(name, errno, "injected errno " + errno);
        Action action = actions.get(name);
        if (action != null) action.run(Arrays.asList(args));
        Deque<Object> script = scripts.get(name);
        Object result = script == null ? null : script.poll();
        if (result instanceof ErrnoException e) throw e;
        return result;
    }

    /** Calls the real implementation never fails: {@link #failAtCall} passes them over to the next one. */
    private static final Set<String> CANNOT_FAIL = Set.of("getpid", "geteuid", "seccompFilterFlagsSupported");

    /** For the calls that cannot fail: a scripted failure would be a test's mistake. */
    private Object enterUnchecked(String name, Object... args) {
        synchronized (this) {
            if (calls.size() == failAt) failAt++;
        }
        try {
            return enter(name, args);
        } catch (ErrnoException e) {
            throw new IllegalStateException(name + " cannot fail in the real implementation", e);
        }
    }

    private synchronized int newFd() {
        int fd = nextFd++;
        openFds.add(fd);
        return fd;
    }

    private int fdResult(Object scripted) {
        if (scripted == null) return newFd();
        int fd = (Integer) scripted;
        synchronized (this) {
            openFds.add(fd);
        }
        return fd;
    }

    @Override
    public int[] socketPair() throws ErrnoException {
        Object r = enter("socketPair");
        return r != null ? (int[]) r : new int[] {newFd(), newFd()};
    }

    @Override
    public int spawn(String path, List<String> argv, List<String> envp, List<FdMapping> dup2) throws ErrnoException {
        Object r = enter("spawn", path, argv, envp, dup2);
        int pid;
        synchronized (this) {
            pid = r != null ? (Integer) r : nextPid++;
            spawned.add(pid);
        }
        return pid;
    }

    @Override
    public void writeFully(int fd, byte[] data) throws ErrnoException {
        enter("writeFully", fd, data.length);
    }

    @Override
    public int read(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        Object r = enter("read", fd, length);
        if (r == null) return 0;
        byte[] data = (byte[]) r;
        int n = Math.min(length, data.length);
        System.arraycopy(data, 0, buffer, offset, n);
        return n;
    }

    @Override
    public Received receiveWithFd(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        Object r = enter("receiveWithFd", fd, length);
        return r != null ? (Received) r : new Received(0, -1);
    }

    @Override
    public void sendFdToUnixSocket(String socketPath, int fdToSend, byte[] payload) throws ErrnoException {
        enter("sendFdToUnixSocket", socketPath, fdToSend, payload.length);
    }

    @Override
    public void sendWithFd(int socketFd, int fdToSend, byte[] payload) throws ErrnoException {
        enter("sendWithFd", socketFd, fdToSend, payload.length);
    }

    @Override
    public int listenUnix(String socketPath) throws ErrnoException {
        return fdResult(enter("listenUnix", socketPath));
    }

    @Override
    public int accept(int listenFd) throws ErrnoException {
        return fdResult(enter("accept", listenFd));
    }

    /** A scripted {@code int[]} answer, else root's credentials with pid 0. */
    @Override
    public int[] peerCredentials(int socketFd) throws ErrnoException {
        return enter("peerCredentials", socketFd) instanceof int[] ids ? ids : new int[] {0, 0, 0};
    }

    @Override
    public void close(int fd) throws ErrnoException {
        synchronized (this) {
            openFds.remove(fd);
        }
        enter("close", fd);
    }

    @Override
    public int open(String path, int flags, int mode) throws ErrnoException {
        return fdResult(enter("open", path, flags, mode));
    }

    @Override
    public void mkfifo(String path, int mode) throws ErrnoException {
        enter("mkfifo", path, mode);
        try {
            Files.createFile(Path.of(path));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ErrnoException("mkfifo " + path, 17, "File exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int memfdCreate(String name, int flags) throws ErrnoException {
        return fdResult(enter("memfdCreate", name, flags));
    }

    @Override
    public void addSeals(int fd, int seals) throws ErrnoException {
        enter("addSeals", fd, seals);
    }

    @Override
    public int seals(int fd) throws ErrnoException {
        Object r = enter("seals", fd);
        return r != null ? (Integer) r : 0;
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) throws ErrnoException {
        Object r = enter("poll", fd, events, timeoutMillis);
        return r != null ? (Integer) r : 0;
    }

    @Override
    public WaitStatus waitpid(int pid, int options) throws ErrnoException {
        Object r = enter("waitpid", pid, options);
        if (r != null) return (WaitStatus) r;
        // Unscripted: a named child exited with 0; "any child" finds none, as the kernel says then.
        if (pid <= 0) throw new ErrnoException("waitpid", 10, "No child processes");
        return new WaitStatus(pid, 0);
    }

    @Override
    public void kill(int pid, int signal) throws ErrnoException {
        enter("kill", pid, signal);
    }

    @Override
    public int pidfdOpen(int pid) throws ErrnoException {
        return fdResult(enter("pidfdOpen", pid));
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) throws ErrnoException {
        enter("pidfdSendSignal", pidfd, signal);
    }

    @Override
    public void becomeSubreaper() throws ErrnoException {
        enter("becomeSubreaper");
    }

    @Override
    public boolean restoreDefaultIfIgnored(int signal) throws ErrnoException {
        Object r = enter("restoreDefaultIfIgnored", signal);
        return r != null && (Boolean) r;
    }

    @Override
    public int getpid() {
        Object r = enterUnchecked("getpid");
        return r != null ? (Integer) r : (int) ProcessHandle.current().pid();
    }

    @Override
    public int geteuid() {
        Object r = enterUnchecked("geteuid");
        return r != null ? (Integer) r : euid;
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        enter("mount", source, target, fstype, flags, data);
    }

    @Override
    public void umount2(String target, int flags) throws ErrnoException {
        enter("umount2", target, flags);
    }

    @Override
    public int eventFd(int flags) throws ErrnoException {
        return fdResult(enter("eventFd", flags));
    }

    @Override
    public int bpfLoadCgroupDeviceProgram(byte[] insns, String license) throws ErrnoException {
        return fdResult(enter("bpfLoadCgroupDeviceProgram", insns.length, license));
    }

    @Override
    public void bpfAttach(int cgroupFd, int progFd, int attachType, int flags) throws ErrnoException {
        enter("bpfAttach", cgroupFd, progFd, attachType, flags);
    }

    @Override
    public void bpfDetach(int cgroupFd, int progFd, int attachType) throws ErrnoException {
        enter("bpfDetach", cgroupFd, progFd, attachType);
    }

    @Override
    public int[] bpfAttachedIds(int cgroupFd, int attachType) throws ErrnoException {
        Object r = enter("bpfAttachedIds", cgroupFd, attachType);
        return r != null ? (int[]) r : new int[0];
    }

    @Override
    public int bpfProgramFd(int id) throws ErrnoException {
        return fdResult(enter("bpfProgramFd", id));
    }

    @Override
    public boolean seccompFilterFlagsSupported(long flags) {
        Object r = enterUnchecked("seccompFilterFlagsSupported", flags);
        return r == null || (Boolean) r;
    }

    @Override
    public String strerror(int errno) {
        return "errno " + errno;
    }
}
