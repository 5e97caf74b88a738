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

/* Reports the failure (st.detail, err) of op index and exits. */
static _Noreturn void die(uint32_t index, int err)
{
    exec_fifo_fail(st.detail, err); /* `start` waits on a fifo OPEN_EXEC_FIFO holds: tell it */
    int sent = st.sock >= 0 && send_error(st.sock, index, err, st.detail) == 0;
    if (st.ready || !sent)
        print_error(st.detail, err);
    _exit(st.ready ? 127 : 1);
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
    if (argc == 3 && strcmp(argv[1], "--decode") == 0) /* a test mode: prints the plan, runs nothing */
        return decode_plan(parse_number(argv[2]));
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
        if (op_handler(op->code)(op->args) < 0)
            die(index, errno ? errno : EIO);
    }
    return 0;
}
