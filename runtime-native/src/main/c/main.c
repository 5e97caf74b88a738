/*
 * jrunc-init <sockfd> [<parent pid>]: start-up, plan, ops in order, report.
 *
 * Start-up: named `jrunc:[init]` (ps, top and pgrep show what it is, not the memfd's number), tied
 * to the life of jrunc (see die_with_parent), every signal back to SIG_DFL and unblocked, the
 * socket close-on-exec, every fd above it closed (fds 3..sockfd-1 are the caller's
 * --preserve-fds). Then one PLAN message is
 * read and checked as a whole (op codes and argument kinds) before the first op runs.
 * A failing op is reported as ERROR(op index, errno, detail); the helper then exits 1, or 127
 * once READY was sent (then the detail is also printed on stderr, since jrunc may be gone).
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct op_def {
    const char *name;
    const char *sig; /* argument kinds: i INT, s STR, v STRV, b BYTES */
    op_fn fn;
};

static const struct op_def op_defs[OP_MAX + 1] = {
    [OP_UNSHARE] = { "UNSHARE", "i", op_unshare },
    [OP_SETNS] = { "SETNS", "si", op_setns },
    [OP_SYNC] = { "SYNC", "i", op_sync },
    [OP_FORK] = { "FORK", "", op_fork },
    [OP_SETSID] = { "SETSID", "", op_setsid },
    [OP_OPEN_ROOT] = { "OPEN_ROOT", "s", op_open_root },
    [OP_MOUNT] = { "MOUNT", "sssisi", op_mount },
    [OP_MKDIR] = { "MKDIR", "si", op_mkdir },
    [OP_MKNOD] = { "MKNOD", "siiiii", op_mknod },
    [OP_SYMLINK] = { "SYMLINK", "ss", op_symlink },
    [OP_PIVOT_ROOT] = { "PIVOT_ROOT", "", op_pivot_root },
    [OP_MOVE_CHROOT] = { "MOVE_CHROOT", "", op_move_chroot },
    [OP_CHROOT] = { "CHROOT", "", op_chroot },
    [OP_SETHOSTNAME] = { "SETHOSTNAME", "s", op_sethostname },
    [OP_SETDOMAINNAME] = { "SETDOMAINNAME", "s", op_setdomainname },
    [OP_WRITE_FILE] = { "WRITE_FILE", "ss", op_write_file },
    [OP_SETRLIMIT] = { "SETRLIMIT", "iii", op_setrlimit },
    [OP_SETGROUPS] = { "SETGROUPS", "b", op_setgroups },
    [OP_SETRESGID] = { "SETRESGID", "i", op_setresgid },
    [OP_SETRESUID] = { "SETRESUID", "i", op_setresuid },
    [OP_UMASK] = { "UMASK", "i", op_umask },
    [OP_CHDIR] = { "CHDIR", "s", op_chdir },
    [OP_OPEN_FIFO_DIR] = { "OPEN_FIFO_DIR", "s", op_open_fifo_dir },
    [OP_READY] = { "READY", "", op_ready },
    [OP_WAIT_FIFO] = { "WAIT_FIFO", "", op_wait_fifo },
    [OP_RESOLVE_EXEC] = { "RESOLVE_EXEC", "ss", op_resolve_exec },
    [OP_EXECVE] = { "EXECVE", "vv", op_execve },
    [OP_CONSOLE] = { "CONSOLE", "ii", op_console },
    [OP_CLOSE_FDS] = { "CLOSE_FDS", "i", op_close_fds },
    [OP_MOUNT_HOST] = { "MOUNT_HOST", "sssis", op_mount_host },
    [OP_JOIN_KEYRING] = { "JOIN_KEYRING", "s", op_join_keyring },
    [OP_CAPS_BOUNDING] = { "CAPS_BOUNDING", "i", op_caps_bounding },
    [OP_KEEP_CAPS] = { "KEEP_CAPS", "i", op_keep_caps },
    [OP_CAPS_SET] = { "CAPS_SET", "iiii", op_caps_set },
    [OP_NO_NEW_PRIVS] = { "NO_NEW_PRIVS", "", op_no_new_privs },
    [OP_MASK_PATH] = { "MASK_PATH", "s", op_mask_path },
    [OP_READONLY_PATH] = { "READONLY_PATH", "s", op_readonly_path },
    [OP_SECCOMP] = { "SECCOMP", "bi", op_seccomp },
    [OP_SECCOMP_LISTENER] = { "SECCOMP_LISTENER", "sv", op_seccomp_listener },
    [OP_WRITE_PROC] = { "WRITE_PROC", "ss", op_write_proc },
    [OP_PERSONALITY] = { "PERSONALITY", "i", op_personality },
    [OP_IOPRIO] = { "IOPRIO", "i", op_ioprio },
    [OP_SCHED_ATTR] = { "SCHED_ATTR", "iiiiiii", op_sched_attr },
    [OP_CPU_AFFINITY] = { "CPU_AFFINITY", "b", op_cpu_affinity },
    [OP_SETFSUID] = { "SETFSUID", "i", op_setfsuid },
    [OP_DUMPABLE] = { "DUMPABLE", "i", op_dumpable },
    [OP_BIND_CONSOLE] = { "BIND_CONSOLE", "s", op_bind_console },
    [OP_OPEN_NS] = { "OPEN_NS", "si", op_open_ns },
    [OP_JOIN_NS] = { "JOIN_NS", "", op_join_ns },
    [OP_RUN_HOOK] = { "RUN_HOOK", "svvivss", op_run_hook },
    [OP_HOOK_PID] = { "HOOK_PID", "", op_hook_pid },
    [OP_OPEN_EXEC_FIFO] = { "OPEN_EXEC_FIFO", "", op_open_exec_fifo },
};

/* Reports the failure (st.detail, err) of op index and exits. */
static _Noreturn void die(uint32_t index, int err)
{
    exec_fifo_fail(st.detail, err); /* `start` waits on a fifo OPEN_EXEC_FIFO holds: tell it */
    int sent = st.sock >= 0 && send_error(st.sock, index, err, st.detail) == 0;
    if (st.ready || !sent)
        print_error(st.detail, err);
    _exit(st.ready ? 127 : 1);
}

/* Every op is known and has the argument kinds its row in the protocol says. */
static int check_plan(const struct plan *plan, uint32_t *bad)
{
    static const char kinds[] = { 0, 'i', 's', 'v', 'b' };
    for (uint32_t i = 0; i < plan->count; i++) {
        const struct op *op = &plan->ops[i];
        char num[21];
        *bad = i;
        if (op->code > OP_MAX || !op_defs[op->code].fn)
            return fail_errno(EINVAL, "plan: unknown opcode", utoa(num, op->code));
        const char *sig = op_defs[op->code].sig;
        int ok = strlen(sig) == op->argc;
        for (uint32_t j = 0; ok && j < op->argc; j++)
            ok = kinds[op->args[j].kind] == sig[j];
        if (!ok)
            return fail_errno(EINVAL, "plan: bad arguments for", op_defs[op->code].name);
    }
    return 0;
}

/* A decimal fd or pid; -1 when it is not one. */
static int parse_number(const char *s)
{
    long v = 0;
    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 1000000)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return (int)v;
}

/*
 * Until the create or exec that spawned it completes, the helper must not outlive jrunc: a helper
 * left waiting for a jrunc that was killed is an orphan nobody knows about (docs/reliability.md).
 * SIGKILL when the parent dies; and the parent may have died before the prctl, so getppid() is
 * checked against the pid jrunc passed. The forked init does not inherit the death signal (fork
 * clears it): it notices jrunc's death as EOF on the socket at its SYNCs, the last of which
 * create answers only once the container is recorded.
 */
static void die_with_parent(const char *expected)
{
    int parent = expected ? parse_number(expected) : -1;
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || (parent > 0 && getppid() != parent))
        _exit(1);
}

int main(int argc, char **argv)
{
    prctl(PR_SET_NAME, "jrunc:[init]");
    signals_reset();
    die_with_parent(argc == 3 ? argv[2] : NULL);
    int sock = argc == 2 || argc == 3 ? parse_number(argv[1]) : -1;
    struct stat sb;
    int err = sock < 0 ? EINVAL : fstat(sock, &sb) < 0 ? errno : !S_ISSOCK(sb.st_mode) ? ENOTSOCK : 0;
    if (err) {
        print_error("usage: jrunc-init <socket fd> [<parent pid>]", err);
        return 1;
    }
    st.sock = sock;
    if (fcntl(sock, F_SETFD, FD_CLOEXEC) < 0) {
        fail("fcntl FD_CLOEXEC on the socket", NULL);
        die(NO_OP_INDEX, errno);
    }
    if (fds_cloexec_from((unsigned int)sock + 1) < 0) {
        fail("close_range", NULL);
        die(NO_OP_INDEX, errno);
    }
    /* Fds above the socket are the JVM's (jars, pipes), never the container's: a created container
     * may wait for days, so they are closed now, not only at execve. */
    syscall(SYS_close_range, (unsigned int)sock + 1, ~0U, 0);

    struct plan plan;
    uint32_t index;
    if (plan_read(sock, &plan, &index) < 0 || check_plan(&plan, &index) < 0)
        die(index, errno);

    for (index = 0; index < plan.count; index++) {
        const struct op *op = &plan.ops[index];
        errno = 0;
        st.detail[0] = 0;
        if (op_defs[op->code].fn(op->args) < 0)
            die(index, errno ? errno : EIO);
    }
    return 0;
}
