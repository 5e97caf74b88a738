package io.jrunc.core.plan;

import java.util.List;

/**
 * One primitive operation the init helper executes. Each record names its row of the op table,
 * {@link OpCode}, which gives its code and argument kinds to Java and (generated at build time) to
 * jrunc-init alike; docs/plan-protocol.md says what each op does. The record's components after
 * {@code origin} are the op's arguments in wire order, and {@link #writeArgs} writes them in that
 * order (ArgWriter checks the kinds as it writes; OpTableTest and PlanDecodeTest check the rest).
 */
public sealed interface Op {

    Origin origin();

    /** This op's row of the op table. */
    OpCode op();

    /** The op code on the wire. */
    default int code() {
        return op().code();
    }

    /** Writes the op's arguments in wire order. */
    void writeArgs(ArgWriter out);

    /** How MOUNT treats a missing target; on the wire, the op table's named MOUNT_CREATE_* values. */
    enum Create {
        MUST_EXIST(OpCode.MOUNT_CREATE_MUST_EXIST),
        DIRECTORY(OpCode.MOUNT_CREATE_DIRECTORY),
        FILE(OpCode.MOUNT_CREATE_FILE);

        private final int wire;

        Create(int wire) {
            this.wire = wire;
        }

        public int wire() {
            return wire;
        }
    }

    record Unshare(Origin origin, int flags) implements Op {
        public OpCode op() { return OpCode.UNSHARE; }
        public void writeArgs(ArgWriter out) { out.integer(flags); }
    }

    record SetNs(Origin origin, String path, int nstype) implements Op {
        public OpCode op() { return OpCode.SETNS; }
        public void writeArgs(ArgWriter out) { out.string(path).integer(nstype); }
    }

    /** A stop until Java has done its part of {@link SyncPoint} {@code tag} (built with {@link #Sync(Origin, SyncPoint)}). */
    record Sync(Origin origin, int tag) implements Op {
        public Sync(Origin origin, SyncPoint point) {
            this(origin, point.tag());
        }

        public OpCode op() { return OpCode.SYNC; }
        public void writeArgs(ArgWriter out) { out.integer(tag); }
    }

    record Fork(Origin origin) implements Op {
        public OpCode op() { return OpCode.FORK; }
        public void writeArgs(ArgWriter out) {}
    }

    record SetSid(Origin origin) implements Op {
        public OpCode op() { return OpCode.SETSID; }
        public void writeArgs(ArgWriter out) {}
    }

    record OpenRoot(Origin origin, String hostPath) implements Op {
        public OpCode op() { return OpCode.OPEN_ROOT; }
        public void writeArgs(ArgWriter out) { out.string(hostPath); }
    }

    /** mount(2) onto a path resolved inside the container's root. */
    record Mount(Origin origin, String source, String target, String fstype, long flags, String data, Create create)
            implements Op {
        public OpCode op() { return OpCode.MOUNT; }
        public void writeArgs(ArgWriter out) {
            out.string(source).string(target).string(fstype).integer(flags).string(data).integer(create.wire());
        }
    }

    record MkdirAll(Origin origin, String path, int mode) implements Op {
        public OpCode op() { return OpCode.MKDIR; }
        public void writeArgs(ArgWriter out) { out.string(path).integer(mode); }
    }

    record Mknod(Origin origin, String path, int mode, long major, long minor, long uid, long gid) implements Op {
        public OpCode op() { return OpCode.MKNOD; }
        public void writeArgs(ArgWriter out) {
            out.string(path).integer(mode).integer(major).integer(minor).integer(uid).integer(gid);
        }
    }

    record Symlink(Origin origin, String target, String linkPath) implements Op {
        public OpCode op() { return OpCode.SYMLINK; }
        public void writeArgs(ArgWriter out) { out.string(target).string(linkPath); }
    }

    record PivotRoot(Origin origin) implements Op {
        public OpCode op() { return OpCode.PIVOT_ROOT; }
        public void writeArgs(ArgWriter out) {}
    }

    record MoveChroot(Origin origin) implements Op {
        public OpCode op() { return OpCode.MOVE_CHROOT; }
        public void writeArgs(ArgWriter out) {}
    }

    /** The root of a container without a mount namespace of its own: chroot into the OPEN_ROOT fd, nothing moved. */
    record Chroot(Origin origin) implements Op {
        public OpCode op() { return OpCode.CHROOT; }
        public void writeArgs(ArgWriter out) {}
    }

    record SetHostname(Origin origin, String name) implements Op {
        public OpCode op() { return OpCode.SETHOSTNAME; }
        public void writeArgs(ArgWriter out) { out.string(name); }
    }

    record SetDomainname(Origin origin, String name) implements Op {
        public OpCode op() { return OpCode.SETDOMAINNAME; }
        public void writeArgs(ArgWriter out) { out.string(name); }
    }

    record WriteFile(Origin origin, String path, String content) implements Op {
        public OpCode op() { return OpCode.WRITE_FILE; }
        public void writeArgs(ArgWriter out) { out.string(path).string(content); }
    }

    /** -1 means RLIM_INFINITY. */
    record SetRlimit(Origin origin, int resource, long soft, long hard) implements Op {
        public OpCode op() { return OpCode.SETRLIMIT; }
        public void writeArgs(ArgWriter out) { out.integer(resource).integer(soft).integer(hard); }
    }

    record SetGroups(Origin origin, List<Long> gids) implements Op {
        public OpCode op() { return OpCode.SETGROUPS; }
        public void writeArgs(ArgWriter out) { out.u32Array(gids); }
    }

    record SetResGid(Origin origin, long gid) implements Op {
        public OpCode op() { return OpCode.SETRESGID; }
        public void writeArgs(ArgWriter out) { out.integer(gid); }
    }

    record SetResUid(Origin origin, long uid) implements Op {
        public OpCode op() { return OpCode.SETRESUID; }
        public void writeArgs(ArgWriter out) { out.integer(uid); }
    }

    record Umask(Origin origin, int mask) implements Op {
        public OpCode op() { return OpCode.UMASK; }
        public void writeArgs(ArgWriter out) { out.integer(mask); }
    }

    record Chdir(Origin origin, String path) implements Op {
        public OpCode op() { return OpCode.CHDIR; }
        public void writeArgs(ArgWriter out) { out.string(path); }
    }

    record OpenFifoDir(Origin origin, String hostDir) implements Op {
        public OpCode op() { return OpCode.OPEN_FIFO_DIR; }
        public void writeArgs(ArgWriter out) { out.string(hostDir); }
    }

    record Ready(Origin origin) implements Op {
        public OpCode op() { return OpCode.READY; }
        public void writeArgs(ArgWriter out) {}
    }

    record WaitFifo(Origin origin) implements Op {
        public OpCode op() { return OpCode.WAIT_FIFO; }
        public void writeArgs(ArgWriter out) {}
    }

    /** {@code searchPath} is the PATH of the process's env, or null for the default. */
    record ResolveExec(Origin origin, String file, String searchPath) implements Op {
        public OpCode op() { return OpCode.RESOLVE_EXEC; }
        public void writeArgs(ArgWriter out) { out.string(file).string(searchPath); }
    }

    record Execve(Origin origin, List<String> argv, List<String> env) implements Op {
        public OpCode op() { return OpCode.EXECVE; }
        public void writeArgs(ArgWriter out) { out.strings(argv).strings(env); }
    }

    record Console(Origin origin, int rows, int cols) implements Op {
        public OpCode op() { return OpCode.CONSOLE; }
        public void writeArgs(ArgWriter out) { out.integer(rows).integer(cols); }
    }

    record CloseFds(Origin origin, int first) implements Op {
        public OpCode op() { return OpCode.CLOSE_FDS; }
        public void writeArgs(ArgWriter out) { out.integer(first); }
    }

    /** mount(2) on host paths, before the container's root is opened. */
    record MountHost(Origin origin, String source, String target, String fstype, long flags, String data)
            implements Op {
        public OpCode op() { return OpCode.MOUNT_HOST; }
        public void writeArgs(ArgWriter out) {
            out.string(source).string(target).string(fstype).integer(flags).string(data);
        }
    }

    /** keyctl(KEYCTL_JOIN_SESSION_KEYRING, name): a session keyring of the container's own. */
    record JoinKeyring(Origin origin, String name) implements Op {
        public OpCode op() { return OpCode.JOIN_KEYRING; }
        public void writeArgs(ArgWriter out) { out.string(name); }
    }

    /** Drops from the bounding set every capability whose bit is not in {@code keep}. */
    record CapsBounding(Origin origin, long keep) implements Op {
        public OpCode op() { return OpCode.CAPS_BOUNDING; }
        public void writeArgs(ArgWriter out) { out.integer(keep); }
    }

    /** prctl(PR_SET_KEEPCAPS): the permitted set survives the switch away from uid 0. */
    record KeepCaps(Origin origin, boolean on) implements Op {
        public OpCode op() { return OpCode.KEEP_CAPS; }
        public void writeArgs(ArgWriter out) { out.integer(on ? 1 : 0); }
    }

    /** capset(effective, permitted, inheritable), then the ambient set; one bit per capability number. */
    record CapsSet(Origin origin, long effective, long permitted, long inheritable, long ambient) implements Op {
        public OpCode op() { return OpCode.CAPS_SET; }
        public void writeArgs(ArgWriter out) { out.integer(effective).integer(permitted).integer(inheritable).integer(ambient); }
    }

    record NoNewPrivs(Origin origin) implements Op {
        public OpCode op() { return OpCode.NO_NEW_PRIVS; }
        public void writeArgs(ArgWriter out) {}
    }

    /** Hides a path: an empty read-only tmpfs over a directory, the null device over anything else. */
    record MaskPath(Origin origin, String path) implements Op {
        public OpCode op() { return OpCode.MASK_PATH; }
        public void writeArgs(ArgWriter out) { out.string(path); }
    }

    /** Makes a path read-only with a bind mount of itself. */
    record ReadonlyPath(Origin origin, String path) implements Op {
        public OpCode op() { return OpCode.READONLY_PATH; }
        public void writeArgs(ArgWriter out) { out.string(path); }
    }

    /**
     * Loads a seccomp filter with seccomp(2) ({@code flags}: SECCOMP_FILTER_FLAG_*). With
     * SECCOMP_FILTER_FLAG_NEW_LISTENER the notify fd goes to the listener SECCOMP_LISTENER connected.
     */
    record Seccomp(Origin origin, List<BpfInstruction> program, long flags) implements Op {
        public OpCode op() { return OpCode.SECCOMP; }
        public Seccomp {
            program = List.copyOf(program);
        }
        public void writeArgs(ArgWriter out) { out.u32Array(BpfInstruction.words(program)).integer(flags); }
    }

    /**
     * Connects to the seccomp agent's socket (a host path, so before the pivot) and prepares the
     * container process state for it: {@code payload}'s pieces joined with the init's pid.
     */
    record SeccompListener(Origin origin, String socketPath, List<String> payload) implements Op {
        public OpCode op() { return OpCode.SECCOMP_LISTENER; }
        public SeccompListener {
            payload = List.copyOf(payload);
        }
        public void writeArgs(ArgWriter out) { out.string(socketPath).strings(payload); }
    }

    /**
     * Writes {@code content} to {@code path}, a path beneath /proc (no leading slash): resolved from the
     * /proc of the helper's current root without crossing a mount, and written only when the file is
     * really on procfs. Used before the pivot, through the host's /proc (oom_score_adj, timens_offsets,
     * sysctls, LSM exec labels).
     */
    record WriteProc(Origin origin, String path, String content) implements Op {
        public OpCode op() { return OpCode.WRITE_PROC; }
        public void writeArgs(ArgWriter out) { out.string(path).string(content); }
    }

    /** personality(2) with the persona value (PER_LINUX 0, PER_LINUX32 8). */
    record Personality(Origin origin, long persona) implements Op {
        public OpCode op() { return OpCode.PERSONALITY; }
        public void writeArgs(ArgWriter out) { out.integer(persona); }
    }

    /** ioprio_set(IOPRIO_WHO_PROCESS, 0, value); value is class &lt;&lt; 13 | level. */
    record IoPriority(Origin origin, int value) implements Op {
        public OpCode op() { return OpCode.IOPRIO; }
        public void writeArgs(ArgWriter out) { out.integer(value); }
    }

    /** sched_setattr(0, attr, 0) with these fields of struct sched_attr (times in nanoseconds). */
    record SchedAttr(Origin origin, int policy, long flags, int nice, int priority, long runtime, long deadline,
                     long period) implements Op {
        public OpCode op() { return OpCode.SCHED_ATTR; }
        public void writeArgs(ArgWriter out) {
            out.integer(policy).integer(flags).integer(nice).integer(priority).integer(runtime).integer(deadline)
                    .integer(period);
        }
    }

    /** sched_setaffinity(0, mask): {@code words} are the cpu_set_t as little-endian u32s (CPU n is bit n). */
    record CpuAffinity(Origin origin, List<Long> words) implements Op {
        public OpCode op() { return OpCode.CPU_AFFINITY; }
        public CpuAffinity {
            words = List.copyOf(words);
        }
        public void writeArgs(ArgWriter out) { out.u32Array(words); }
    }

    /**
     * setfsuid(uid): file access checks are made as the container's user from here on, while the helper
     * is still root (the seccomp filter may need its CAP_SYS_ADMIN). The cwd and the executable are
     * then resolved before the filter, as the user would see them. Checked: an unmapped uid is EINVAL.
     */
    record SetFsUid(Origin origin, long uid) implements Op {
        public OpCode op() { return OpCode.SETFSUID; }
        public void writeArgs(ArgWriter out) { out.integer(uid); }
    }

    /**
     * prctl(PR_SET_DUMPABLE): off, the /proc files of a created container's waiting init (its exe, its
     * fds) need CAP_SYS_PTRACE, so a container sharing its pid namespace cannot use them.
     */
    record Dumpable(Origin origin, boolean on) implements Op {
        public OpCode op() { return OpCode.DUMPABLE; }
        public void writeArgs(ArgWriter out) { out.integer(on ? 1 : 0); }
    }

    /** Binds the terminal on fd 0 over {@code path} (/dev/console), which must be a regular file or char device. */
    record BindConsole(Origin origin, String path) implements Op {
        public OpCode op() { return OpCode.BIND_CONSOLE; }
        public void writeArgs(ArgWriter out) { out.string(path); }
    }

    /**
     * Opens a namespace file of a running container (exec) and checks its type (NS_GET_NSTYPE);
     * the fd is kept for {@link JoinNs}. All are opened before any is joined: after the mount
     * namespace the host's /proc paths no longer resolve.
     */
    record OpenNs(Origin origin, String path, int nstype) implements Op {
        public OpCode op() { return OpCode.OPEN_NS; }
        public void writeArgs(ArgWriter out) { out.string(path).integer(nstype); }
    }

    /** setns into every namespace {@link OpenNs} opened, in the order they were opened. */
    record JoinNs(Origin origin) implements Op {
        public OpCode op() { return OpCode.JOIN_NS; }
        public void writeArgs(ArgWriter out) {}
    }

    /**
     * Runs one OCI hook from the helper: fork, execve({@code path}, {@code args}, {@code env}) in
     * {@code dir} ("" keeps the current one), the state on stdin ({@code statePieces} joined with
     * the pid HOOK_PID recorded), killed after {@code timeoutSeconds} (0: never). {@code label}
     * prefixes a failure that goes to `start` through the exec fifo.
     */
    record RunHook(Origin origin, String path, List<String> args, List<String> env, int timeoutSeconds,
                   List<String> statePieces, String dir, String label) implements Op {
        public OpCode op() { return OpCode.RUN_HOOK; }
        public RunHook {
            args = List.copyOf(args);
            env = List.copyOf(env);
            statePieces = List.copyOf(statePieces);
        }
        public void writeArgs(ArgWriter out) {
            out.string(path).strings(args).strings(env).integer(timeoutSeconds).strings(statePieces).string(dir)
                    .string(label);
        }
    }

    /** Records the init's pid as the host sees it (before the pivot), for the state RUN_HOOK sends. */
    record HookPid(Origin origin) implements Op {
        public OpCode op() { return OpCode.HOOK_PID; }
        public void writeArgs(ArgWriter out) {}
    }

    /**
     * Opens exec.fifo for writing (blocks until `start`) and holds it, so startContainer hooks run
     * as part of `start` and a failure reaches it through the fifo; WAIT_FIFO then writes "0".
     */
    record OpenExecFifo(Origin origin) implements Op {
        public OpCode op() { return OpCode.OPEN_EXEC_FIFO; }
        public void writeArgs(ArgWriter out) {}
    }
}
