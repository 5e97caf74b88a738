/*
 * RUN_HOOK, HOOK_PID and OPEN_EXEC_FIFO: OCI hooks run by the helper, for the hooks that must run
 * in the container's namespaces (createContainer, startContainer) and, in a helper spawned for the
 * purpose, for those of the runtime's namespaces. jrunc decides which hooks run where and prepares
 * every byte of their state; here a hook is only forked, fed, timed and waited for, as runc's
 * hooks.Run does with os/exec.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/* What runc keeps of a hook's output for its error message; the rest is read and dropped. */
#define HOOK_OUTPUT_MAX 1024

/* The init's pid as the runtime sees it (HOOK_PID), for the state's "pid". */
static char hook_pid[24];
/* exec.fifo opened for writing by OPEN_EXEC_FIFO, until WAIT_FIFO writes into it. */
static int held_fifo = -1;

struct output {
    int fd;
    size_t len;
    char buf[HOOK_OUTPUT_MAX + 1];
};

/* HOOK_PID(): /proc/self in the host's procfs (before the pivot) is the pid jrunc sees. */
int op_hook_pid(const struct arg *a)
{
    (void)a;
    ssize_t n = readlink("/proc/self", hook_pid, sizeof hook_pid - 1);
    if (n <= 0)
        return fail("hook pid: readlink", "/proc/self");
    hook_pid[n] = 0;
    return 0;
}

/* OPEN_EXEC_FIFO(): blocks until `start` opens exec.fifo for reading; WAIT_FIFO writes later. */
int op_open_exec_fifo(const struct arg *a)
{
    (void)a;
    if (st.fifodirfd < 0)
        return fail_errno(EBADF, "open exec.fifo: no OPEN_FIFO_DIR before", NULL);
    int fd;
    do
        fd = openat(st.fifodirfd, "exec.fifo", O_WRONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return fail("open", "exec.fifo");
    held_fifo = fd;
    return 0;
}

int exec_fifo_take(void)
{
    int fd = held_fifo;
    held_fifo = -1;
    return fd;
}

static void write_all_fd(int fd, const char *p)
{
    size_t n = strlen(p);
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* `start` reads "0" for success; anything else is "1" and the failure's text, parts joined by ": ". */
static void exec_fifo_report(const char *first, const char *second)
{
    int fd = exec_fifo_take();
    if (fd < 0)
        return;
    set_sigpipe_ignored(1);
    write_all_fd(fd, "1");
    write_all_fd(fd, first);
    write_all_fd(fd, ": ");
    write_all_fd(fd, second);
    close(fd);
}

/* The state pieces joined with the pid HOOK_PID recorded: one piece needs none. */
static char *join_state(const struct arg *pieces, size_t *len)
{
    if (pieces->len > 1 && hook_pid[0] == 0) {
        errno = EINVAL;
        return NULL;
    }
    return join_with_pid(pieces, hook_pid, len);
}

/* The hook process: stdin the state pipe, stdout/stderr the capture pipes, nothing else open. */
static _Noreturn void hook_child(const struct arg *a, int in, int out, int err, int status)
{
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        goto failed;
    /* Only 0-2 survive execve; the status pipe (close-on-exec) tells the parent whether it worked. */
    if (fds_cloexec_from(3) < 0)
        goto failed;
    if (a[5].len > 0 && chdir(a[5].s) < 0)
        goto failed;
    execve(a[0].s, a[1].v, a[2].v);
failed:;
    int e = errno;
    ssize_t w = write(status, &e, sizeof e);
    (void)w;
    _exit(127);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void keep_output(struct output *o)
{
    char scratch[512];
    for (;;) {
        char *to = o->len < HOOK_OUTPUT_MAX ? o->buf + o->len : scratch;
        size_t room = o->len < HOOK_OUTPUT_MAX ? HOOK_OUTPUT_MAX - o->len : sizeof scratch;
        ssize_t n = read(o->fd, to, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0 || errno != EAGAIN) {
                close(o->fd);
                o->fd = -1;
            }
            return;
        }
        if (to != scratch)
            o->len += (size_t)n;
    }
}

/* runc's words: "error running hook: exit status 1, stdout: ..., stderr: ..." */
static int hook_failed(int wstatus, struct output *out, struct output *err)
{
    char num[21];
    out->buf[out->len] = 0;
    err->buf[err->len] = 0;
    st.detail[0] = 0;
    detail_append("error running hook: ");
    if (WIFEXITED(wstatus)) {
        detail_append("exit status ");
        detail_append(utoa(num, (unsigned long)WEXITSTATUS(wstatus)));
    } else {
        detail_append("signal: ");
        detail_append(strsignal(WTERMSIG(wstatus)));
    }
    detail_append(", stdout: ");
    detail_append(out->buf);
    detail_append(", stderr: ");
    detail_append(err->buf);
    errno = ECHILD;
    return -1;
}

/* Feeds the state, collects the output and waits for the hook until it exits or the deadline. */
static int supervise(pid_t pid, int in, const char *state, size_t state_len, struct output *out, struct output *err,
                     long timeout_s, int *timed_out)
{
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0)
        return -1;
    long deadline = timeout_s > 0 ? now_ms() + timeout_s * 1000L : 0;
    size_t sent = 0;
    for (;;) {
        struct pollfd p[4] = {
            { pidfd, POLLIN, 0 }, { out->fd, POLLIN, 0 }, { err->fd, POLLIN, 0 }, { in, POLLOUT, 0 },
        };
        int wait = -1;
        if (deadline) {
            long left = deadline - now_ms();
            if (left <= 0) {
                *timed_out = 1;
                break;
            }
            wait = (int)(left > 1000000 ? 1000000 : left);
        }
        int r = poll(p, 4, wait);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0)
            continue;
        if (p[1].revents)
            keep_output(out);
        if (p[2].revents)
            keep_output(err);
        if (in >= 0 && p[3].revents) {
            ssize_t n = (p[3].revents & POLLOUT) ? write(in, state + sent, state_len - sent) : -1;
            if (n > 0)
                sent += (size_t)n;
            /* done, or a hook that closed its stdin: either way nothing more to feed */
            if (n < 0 && errno == EAGAIN)
                continue;
            if (n < 0 || sent == state_len) {
                close(in);
                in = -1;
            }
        }
        if (p[0].revents)
            break;
    }
    if (in >= 0)
        close(in);
    close(pidfd);
    return 0;
}

/*
 * RUN_HOOK(STR path, STRV argv, STRV envp, INT timeout seconds (0: none), STRV state pieces,
 * STR dir ("" = keep the current one), STR label): fork, execve(path, argv, envp) with the state
 * on stdin; fails unless the hook exits 0 before the timeout (then it is killed with SIGKILL).
 * Its stdout and stderr are captured for the error message. A failure while OPEN_EXEC_FIFO holds
 * the fifo is also written into it, prefixed with the label, for `start` to report.
 */
int op_run_hook(const struct arg *a)
{
    size_t state_len = 0;
    char *state = join_state(&a[4], &state_len);
    if (!state)
        return fail("hook: state", errno == EINVAL ? "(no HOOK_PID before)" : NULL);
    int in[2], out[2], err[2], status[2];
    if (pipe2(in, O_CLOEXEC) < 0)
        return fail("hook: pipe", NULL);
    if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0 || pipe2(status, O_CLOEXEC) < 0)
        return fail("hook: pipe", NULL);
    pid_t pid = fork();
    if (pid < 0)
        return fail("hook: fork", NULL);
    if (pid == 0)
        hook_child(a, in[0], out[1], err[1], status[1]);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    close(status[1]);

    int exec_err = 0;
    ssize_t n;
    do
        n = read(status[0], &exec_err, sizeof exec_err);
    while (n < 0 && errno == EINTR);
    close(status[0]);
    struct output o = { .fd = out[0] }, e = { .fd = err[0] };
    int timed_out = 0, wstatus = 0, r = 0;
    if (n == (ssize_t)sizeof exec_err) {
        waitpid(pid, &wstatus, 0);
        close(in[1]);
        close(o.fd);
        close(e.fd);
        r = fail_errno(exec_err, "error running hook: exec", a[0].s);
        detail_append(": ");
        detail_append(strerror(exec_err));
    } else {
        fcntl(in[1], F_SETFL, O_NONBLOCK);
        fcntl(o.fd, F_SETFL, O_NONBLOCK);
        fcntl(e.fd, F_SETFL, O_NONBLOCK);
        set_sigpipe_ignored(1);
        if (supervise(pid, in[1], state, state_len, &o, &e, (long)a[3].i, &timed_out) < 0) {
            int saved = errno;
            kill(pid, SIGKILL);
            waitpid(pid, &wstatus, 0);
            set_sigpipe_ignored(0);
            free(state);
            return fail_errno(saved, "hook: pidfd_open", NULL);
        }
        set_sigpipe_ignored(0);
        if (timed_out)
            kill(pid, SIGKILL);
        while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
            ;
        if (o.fd >= 0)
            keep_output(&o);
        if (e.fd >= 0)
            keep_output(&e);
        if (o.fd >= 0)
            close(o.fd);
        if (e.fd >= 0)
            close(e.fd);
        if (timed_out) {
            char num[21];
            st.detail[0] = 0;
            detail_append("hook ran past specified timeout of ");
            detail_append(utoa(num, (unsigned long)a[3].i));
            detail_append(".0s");
            errno = ETIMEDOUT;
            r = -1;
        } else if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
            r = hook_failed(wstatus, &o, &e);
        }
    }
    free(state);
    if (r < 0 && held_fifo >= 0) {
        int saved = errno;
        exec_fifo_report(a[6].s, st.detail);
        errno = saved;
    }
    if (r < 0 && st.ready) {
        /* After READY nobody reads ERROR: the detail is the whole story (no strerror to add), on
         * the container's stderr as runc's init prints it, then the exit a failure after READY has. */
        set_sigpipe_ignored(1);
        write_all_fd(2, "jrunc-init: ");
        write_all_fd(2, a[6].s);
        write_all_fd(2, ": ");
        write_all_fd(2, st.detail);
        write_all_fd(2, "\n");
        _exit(127);
    }
    return r;
}

void exec_fifo_fail(const char *detail, int err)
{
    if (held_fifo < 0)
        return;
    char text[sizeof st.detail + 128];
    size_t n = strnlen(detail, sizeof st.detail);
    memcpy(text, detail, n);
    text[n] = 0;
    exec_fifo_report(text, strerror(err));
}
