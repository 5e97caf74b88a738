package io.jrunc.sys;

import static io.jrunc.sys.Libc.call;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) calls a cgroup v2 device controller needs: load a {@code BPF_PROG_TYPE_CGROUP_DEVICE}
 * program, attach it to a cgroup directory, find and detach the programs attached before. cgroup v2
 * has no devices.allow file; an eBPF program attached to the cgroup is the device allow list.
 *
 * <p>There is no glibc wrapper for bpf(2), so it goes through syscall(2). The {@code union bpf_attr}
 * layouts below are the kernel's uapi (linux/bpf.h), which only ever grows at the end.
 */
final class Bpf {
    /** enum bpf_prog_type's cgroup device value (the attach type and flags: {@link Syscalls.BpfConstants}). */
    private static final int PROG_TYPE_CGROUP_DEVICE = 15;

    private static final int BPF_PROG_LOAD = 5, BPF_PROG_ATTACH = 8, BPF_PROG_DETACH = 9,
            BPF_PROG_GET_FD_BY_ID = 13, BPF_PROG_QUERY = 16;
    /** sizeof(union bpf_attr) of the fields we use, rounded up; the kernel wants the rest zeroed. */
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 64 * 1024;

    private static final Libc.Fn SYSCALL = new Libc.Fn("long syscall(long, ..., long, void *, long)");

    private Bpf() {}

    /** __NR_bpf: not in the unified syscall table, so it differs per architecture. */
    static long sysBpf() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 321;
            case "aarch64", "arm64" -> 280;
            default -> throw new IllegalStateException("jrunc knows the bpf(2) syscall number only for x86_64 and aarch64, not " + System.getProperty("os.arch"));
        };
    }

    /**
     * BPF_PROG_LOAD of a cgroup device program. {@code insns} are encoded {@code struct bpf_insn}s (8
     * bytes each). Returns the program fd (close-on-exec, as the kernel makes every bpf fd). When the
     * verifier refuses the program, its log is part of the exception message.
     */
    static int loadCgroupDeviceProgram(byte[] insns, String license) throws ErrnoException {
        if (insns.length == 0 || insns.length % 8 != 0) throw new IllegalArgumentException("instructions must be 8 bytes each");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment code = arena.allocate(insns.length, 8);
            MemorySegment.copy(insns, 0, code, JAVA_BYTE, 0, insns.length);
            MemorySegment log = arena.allocate(LOG_SIZE);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, PROG_TYPE_CGROUP_DEVICE);     // prog_type
            attr.set(JAVA_INT, 4, insns.length / 8);             // insn_cnt
            attr.set(JAVA_LONG, 8, code.address());              // insns
            attr.set(JAVA_LONG, 16, Libc.cString(arena, license)); // license
            attr.set(JAVA_INT, 24, 1);                           // log_level
            attr.set(JAVA_INT, 28, LOG_SIZE);                    // log_size
            attr.set(JAVA_LONG, 32, log.address());              // log_buf
            long fd = call(SYSCALL, errno, sysBpf(), BPF_PROG_LOAD, attr.address(), ATTR_SIZE);
            if (fd < 0) {
                String verifier = log.getString(0, StandardCharsets.UTF_8).strip();
                throw Libc.error("bpf BPF_PROG_LOAD cgroup device program" + (verifier.isEmpty() ? "" : " (verifier: " + verifier + ")"), errno);
            }
            return (int) fd;
        }
    }

    /** BPF_PROG_ATTACH of {@code progFd} to the cgroup directory open as {@code cgroupFd}. */
    static void attach(int cgroupFd, int progFd, int attachType, int flags) throws ErrnoException {
        attachOrDetach(BPF_PROG_ATTACH, "BPF_PROG_ATTACH", cgroupFd, progFd, attachType, flags);
    }

    /** BPF_PROG_DETACH of one program (attached with {@link Syscalls.BpfConstants#F_ALLOW_MULTI}) from the cgroup. */
    static void detach(int cgroupFd, int progFd, int attachType) throws ErrnoException {
        attachOrDetach(BPF_PROG_DETACH, "BPF_PROG_DETACH", cgroupFd, progFd, attachType, 0);
    }

    private static void attachOrDetach(int cmd, String name, int cgroupFd, int progFd, int attachType, int flags)
            throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, cgroupFd);   // target_fd
            attr.set(JAVA_INT, 4, progFd);     // attach_bpf_fd
            attr.set(JAVA_INT, 8, attachType); // attach_type
            attr.set(JAVA_INT, 12, flags);     // attach_flags
            if (call(SYSCALL, errno, sysBpf(), cmd, attr.address(), ATTR_SIZE) < 0) {
                throw Libc.error("bpf " + name + " program fd " + progFd + " to cgroup fd " + cgroupFd, errno);
            }
        }
    }

    /** BPF_PROG_QUERY: the ids of the programs of this attach type attached directly to the cgroup. */
    static int[] attachedIds(int cgroupFd, int attachType) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            int capacity = 64;
            MemorySegment ids = arena.allocate(JAVA_INT, capacity);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, cgroupFd);         // target_fd
            attr.set(JAVA_INT, 4, attachType);       // attach_type
            attr.set(JAVA_LONG, 16, ids.address());  // prog_ids
            attr.set(JAVA_INT, 24, capacity);        // prog_cnt (in: capacity, out: count)
            if (call(SYSCALL, errno, sysBpf(), BPF_PROG_QUERY, attr.address(), ATTR_SIZE) < 0) {
                throw Libc.error("bpf BPF_PROG_QUERY cgroup fd " + cgroupFd, errno);
            }
            int count = Math.min(attr.get(JAVA_INT, 24), capacity);
            int[] out = new int[count];
            for (int i = 0; i < count; i++) out[i] = ids.getAtIndex(JAVA_INT, i);
            return out;
        }
    }

    /** BPF_PROG_GET_FD_BY_ID: a fd for an attached program, so it can be detached. */
    static int programFd(int id) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, id); // prog_id
            long fd = call(SYSCALL, errno, sysBpf(), BPF_PROG_GET_FD_BY_ID, attr.address(), ATTR_SIZE);
            if (fd < 0) throw Libc.error("bpf BPF_PROG_GET_FD_BY_ID " + id, errno);
            return (int) fd;
        }
    }
}
