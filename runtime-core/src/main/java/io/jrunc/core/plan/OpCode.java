package io.jrunc.core.plan;

/**
 * The op table: the one place each op's code and argument kinds are written, for both sides of the
 * wire. Java uses it directly (each {@link Op} record names its constant in {@code op()}); `make`
 * generates the helper's enum and dispatch table from the rows between the BEGIN and END lines
 * (build-support/gen-ops.sh, sh and awk), so keep each row on one line in this shape. What each op
 * does: docs/plan-protocol.md, "Ops" and "The op table".
 *
 * <p>args are the argument kinds in wire order, one letter each: i INT, s STR, v STRV, b BYTES. An
 * op record's components after {@code origin} are those arguments, in this order. Codes are never
 * reused; related ops share a range of ten (80-89 exec, 90-99 hooks), and the helper's table reaches
 * to the end of the highest range in use.
 */
public enum OpCode {
    // BEGIN OPS: NAME(code, "args"), one per line; the helper's OP_<NAME> is handled by op_<name>()
    UNSHARE          (1,  "i"),
    SETNS            (2,  "si"),
    SYNC             (3,  "i"),
    FORK             (4,  ""),
    SETSID           (5,  ""),
    OPEN_ROOT        (6,  "s"),
    MOUNT            (7,  "sssisi"),
    MKDIR            (8,  "si"),
    MKNOD            (9,  "siiiii"),
    SYMLINK          (10, "ss"),
    PIVOT_ROOT       (11, ""),
    MOVE_CHROOT      (12, ""),
    SETHOSTNAME      (13, "s"),
    SETDOMAINNAME    (14, "s"),
    WRITE_FILE       (15, "ss"),
    SETRLIMIT        (16, "iii"),
    SETGROUPS        (17, "b"),
    SETRESGID        (18, "i"),
    SETRESUID        (19, "i"),
    UMASK            (20, "i"),
    CHDIR            (21, "s"),
    OPEN_FIFO_DIR    (22, "s"),
    READY            (23, ""),
    WAIT_FIFO        (24, ""),
    RESOLVE_EXEC     (25, "ss"),
    EXECVE           (26, "vv"),
    CONSOLE          (27, "ii"),
    CLOSE_FDS        (28, "i"),
    MOUNT_HOST       (29, "sssis"),
    JOIN_KEYRING     (30, "s"),
    CAPS_BOUNDING    (31, "i"),
    KEEP_CAPS        (32, "i"),
    CAPS_SET         (33, "iiii"),
    NO_NEW_PRIVS     (34, ""),
    MASK_PATH        (35, "s"),
    READONLY_PATH    (36, "s"),
    SECCOMP          (37, "bi"),
    SECCOMP_LISTENER (38, "sv"),
    WRITE_PROC       (40, "ss"),
    PERSONALITY      (41, "i"),
    IOPRIO           (42, "i"),
    SCHED_ATTR       (43, "iiiiiii"),
    CPU_AFFINITY     (44, "b"),
    SETFSUID         (45, "i"),
    DUMPABLE         (60, "i"),
    BIND_CONSOLE     (61, "s"),
    CHROOT           (70, ""),
    OPEN_NS          (80, "si"),
    JOIN_NS          (81, ""),
    RUN_HOOK         (90, "svvivss"),
    HOOK_PID         (91, ""),
    OPEN_EXEC_FIFO   (92, "");
    // END OPS

    // BEGIN VALUES: named values of INT arguments (C: #define NAME value)
    /** MOUNT's last argument ({@link Op.Create}): the target must exist. */
    public static final int MOUNT_CREATE_MUST_EXIST = 0;
    /** MOUNT's last argument: a missing target is made a directory, with its parents. */
    public static final int MOUNT_CREATE_DIRECTORY = 1;
    /** MOUNT's last argument: a missing target is made an empty file, its parents directories. */
    public static final int MOUNT_CREATE_FILE = 2;
    // END VALUES

    private final int code;
    private final String args;

    OpCode(int code, String args) {
        this.code = code;
        this.args = args;
    }

    /** The u16 op code on the wire. */
    public int code() {
        return code;
    }

    /** The argument kinds in wire order: i INT, s STR, v STRV, b BYTES. */
    public String args() {
        return args;
    }
}
