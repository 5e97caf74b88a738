package io.jrunc.sys;

import java.util.List;

/**
 * {@link Syscalls} on Linux through the JDK's FFM API. A thin facade: each group of calls lives in
 * its own class ({@link FileCalls}, {@link ProcessCalls}, {@link UnixSockets}, {@link Spawn},
 * {@link Bpf}, {@link EventFd}, {@link SeccompKernel}), and
 * every native function is linked lazily the first time it is called, so a command that only
 * sends a signal never links the socket or spawn functions.
 */
public final class LinuxSyscalls implements Syscalls {

    public static final LinuxSyscalls INSTANCE = new LinuxSyscalls();

    private LinuxSyscalls() {}

    @Override
    public void linkAhead() {
        LinkAhead.start();
    }

    @Override
    public int[] socketPair() throws ErrnoException {
        return UnixSockets.socketPair();
    }

    @Override
    public int spawn(String path, List<String> argv, List<String> envp, List<FdMapping> dup2) throws ErrnoException {
        return Spawn.spawn(path, argv, envp, dup2);
    }

    @Override
    public void writeFully(int fd, byte[] data) throws ErrnoException {
        FileCalls.writeFully(fd, data);
    }

    @Override
    public int read(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        return FileCalls.read(fd, buffer, offset, length);
    }

    @Override
    public Received receiveWithFd(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        return UnixSockets.receiveWithFd(fd, buffer, offset, length);
    }

    @Override
    public void sendFdToUnixSocket(String socketPath, int fdToSend, byte[] payload) throws ErrnoException {
        UnixSockets.sendFdToUnixSocket(socketPath, fdToSend, payload);
    }

    @Override
    public void sendWithFd(int socketFd, int fdToSend, byte[] payload) throws ErrnoException {
        UnixSockets.sendWithFd(socketFd, fdToSend, payload, "sendmsg fd " + socketFd);
    }

    @Override
    public int listenUnix(String socketPath) throws ErrnoException {
        return UnixSockets.listen(socketPath, 16);
    }

    @Override
    public int accept(int listenFd) throws ErrnoException {
        return UnixSockets.accept(listenFd);
    }

    @Override
    public int[] peerCredentials(int socketFd) throws ErrnoException {
        return UnixSockets.peerCredentials(socketFd);
    }

    @Override
    public void close(int fd) throws ErrnoException {
        FileCalls.close(fd);
    }

    @Override
    public int open(String path, int flags, int mode) throws ErrnoException {
        return FileCalls.open(path, flags, mode);
    }

    @Override
    public void mkfifo(String path, int mode) throws ErrnoException {
        FileCalls.mkfifo(path, mode);
    }

    @Override
    public int memfdCreate(String name, int flags) throws ErrnoException {
        return MemfdCalls.memfdCreate(name, flags);
    }

    @Override
    public void addSeals(int fd, int seals) throws ErrnoException {
        MemfdCalls.addSeals(fd, seals);
    }

    @Override
    public int seals(int fd) throws ErrnoException {
        return MemfdCalls.seals(fd);
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) throws ErrnoException {
        return FileCalls.poll(fd, events, timeoutMillis);
    }

    @Override
    public WaitStatus waitpid(int pid, int options) throws ErrnoException {
        return ProcessCalls.waitpid(pid, options);
    }

    @Override
    public void kill(int pid, int signal) throws ErrnoException {
        ProcessCalls.kill(pid, signal);
    }

    @Override
    public int pidfdOpen(int pid) throws ErrnoException {
        return ProcessCalls.pidfdOpen(pid);
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) throws ErrnoException {
        ProcessCalls.pidfdSendSignal(pidfd, signal);
    }

    @Override
    public void becomeSubreaper() throws ErrnoException {
        ProcessCalls.becomeSubreaper();
    }

    @Override
    public boolean restoreDefaultIfIgnored(int signal) throws ErrnoException {
        return ProcessCalls.restoreDefaultIfIgnored(signal);
    }

    @Override
    public int getpid() {
        return ProcessCalls.getpid();
    }

    @Override
    public int geteuid() {
        return ProcessCalls.geteuid();
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws ErrnoException {
        FileCalls.mount(source, target, fstype, flags, data);
    }

    @Override
    public void umount2(String target, int flags) throws ErrnoException {
        FileCalls.umount2(target, flags);
    }

    @Override
    public int eventFd(int flags) throws ErrnoException {
        return EventFd.create(flags);
    }

    @Override
    public int bpfLoadCgroupDeviceProgram(byte[] insns, String license) throws ErrnoException {
        return Bpf.loadCgroupDeviceProgram(insns, license);
    }

    @Override
    public void bpfAttach(int cgroupFd, int progFd, int attachType, int flags) throws ErrnoException {
        Bpf.attach(cgroupFd, progFd, attachType, flags);
    }

    @Override
    public void bpfDetach(int cgroupFd, int progFd, int attachType) throws ErrnoException {
        Bpf.detach(cgroupFd, progFd, attachType);
    }

    @Override
    public int[] bpfAttachedIds(int cgroupFd, int attachType) throws ErrnoException {
        return Bpf.attachedIds(cgroupFd, attachType);
    }

    @Override
    public int bpfProgramFd(int id) throws ErrnoException {
        return Bpf.programFd(id);
    }

    @Override
    public boolean seccompFilterFlagsSupported(long flags) {
        return SeccompKernel.filterFlagsSupported(flags);
    }

    @Override
    public String strerror(int errno) {
        return Libc.strerror(errno);
    }
}
