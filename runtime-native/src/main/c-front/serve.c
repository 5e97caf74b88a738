/*
 * The call after GO: the planner decides and sends what it needs done in the caller's process tree
 * (SPAWN, TTY, WAIT); the front end does it, forwards signals while a foreground process runs, and
 * exits with the code the planner sends (docs/planner-protocol.md, "Planner -> front end").
 */
#include "frontend.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

/* What a foreground process gets from the front end, as runc's foreground run forwards it. */
static const int forwardable[] = { SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH, SIGALRM, SIGCONT,
                                   SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGPWR, SIGSYS, SIGVTALRM,
                                   SIGPROF, SIGXCPU, SIGXFSZ };

/* Children reaped before the planner asked about them (the WAIT pid may exit first). */
#define REAPED_KEPT 32

struct call {
    const struct install *in;
    int sock;               /* -1 once the planner is gone */
    int sigfd;
    sigset_t mask;          /* what the signalfd takes */
    int accepted, read_only, subreaper, tty;
    int waiting;            /* WAIT came: wait_pid is the foreground process */
    pid_t wait_pid;
    char *cleanup_body;     /* the WAIT body: cleanup argv strings */
    char **cleanup;
    sigset_t held;          /* forwardable signals that came before WAIT */
    struct { pid_t pid; int status; } reaped[REAPED_KEPT];
    unsigned reaped_next;
};

static void watch_signals(struct call *c)
{
    sigprocmask(SIG_BLOCK, &c->mask, NULL);
    int fd = signalfd(c->sigfd, &c->mask, SFD_CLOEXEC | SFD_NONBLOCK);
    if (fd < 0)
        die("signalfd", errno);
    c->sigfd = fd;
}

static int exit_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 1;
}

/* The planner is gone after the foreground process exited: its cleanup runs on the cold path. */
static void finish_without_planner(struct call *c, int status) __attribute__((noreturn));
static void finish_without_planner(struct call *c, int status)
{
    tty_finish();
    if (c->cleanup && c->cleanup[0])
        cold_run(c->in, c->cleanup);
    exit(exit_code(status));
}

static void foreground_exited(struct call *c, int status)
{
    c->waiting = 0;
    if (c->sock < 0 || send_u32(c->sock, FE_EXITED, (uint32_t)status) < 0)
        finish_without_planner(c, status);
}

static void reap(struct call *c)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (c->waiting && pid == c->wait_pid) {
            foreground_exited(c, status);
            continue;
        }
        c->reaped[c->reaped_next % REAPED_KEPT].pid = pid;
        c->reaped[c->reaped_next % REAPED_KEPT].status = status;
        c->reaped_next++;
    }
}

static int is_forwardable(int sig)
{
    for (size_t i = 0; i < sizeof forwardable / sizeof *forwardable; i++)
        if (forwardable[i] == sig)
            return 1;
    return 0;
}

static void on_signals(struct call *c)
{
    struct signalfd_siginfo si;
    while (read(c->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
        int sig = (int)si.ssi_signo;
        if (sig == SIGCHLD)
            reap(c);
        else if (sig == SIGWINCH && c->tty)
            tty_winch(); /* the terminal's size goes to the pty, not to the process as a signal */
        else if (is_forwardable(sig) && c->waiting)
            kill(c->wait_pid, sig);
        else if (is_forwardable(sig))
            sigaddset(&c->held, sig);
    }
}

/* EOF or a reset from the planner: what it means depends on how far the call got. */
static void planner_gone(struct call *c)
{
    close(c->sock);
    c->sock = -1;
    if (!c->accepted || c->read_only) {
        /* Nothing was done for this call, or nothing that repeating it could harm. */
        close(c->sigfd);
        cold_path(c->in);
    }
    if (c->waiting)
        return; /* the foreground process still runs: wait for it, then clean up without the planner */
    tty_finish();
    fprintf(stderr, "jrunc: the planner exited during this call; it was not repeated\n");
    exit(1);
}

static void on_spawn(struct call *c, const unsigned char *body, uint32_t len)
{
    if (len < 8)
        die("SPAWN: short message", EPROTO);
    uint32_t preserve_fds = le32(body), flags = le32(body + 4);
    if ((flags & SPAWN_SUBREAPER) && !c->subreaper) {
        if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
            die("prctl PR_SET_CHILD_SUBREAPER", errno);
        c->subreaper = 1;
        /* From now on the forwardable signals are held for the foreground process, not obeyed. */
        for (size_t i = 0; i < sizeof forwardable / sizeof *forwardable; i++)
            sigaddset(&c->mask, forwardable[i]);
        watch_signals(c);
    }
    pid_t pid;
    int helper;
    const char *step;
    if (helper_spawn(c->in, preserve_fds, &pid, &helper, &step) < 0) {
        int err = errno;
        size_t n = strlen(step);
        unsigned char *b = malloc(4 + n);
        if (!b)
            die("SPAWN_FAILED", ENOMEM);
        put32(b, (uint32_t)err);
        memcpy(b + 4, step, n);
        int r = send_msg(c->sock, FE_SPAWN_FAILED, b, (uint32_t)(4 + n));
        free(b);
        if (r < 0)
            planner_gone(c);
        return;
    }
    unsigned char b[4];
    put32(b, (uint32_t)pid);
    int r = send_msg_fd(c->sock, FE_SPAWNED, b, 4, helper);
    close(helper);
    if (r < 0)
        planner_gone(c);
}

static void on_wait(struct call *c, unsigned char *body, uint32_t len)
{
    if (len < 4)
        die("WAIT: short message", EPROTO);
    c->wait_pid = (pid_t)le32(body);
    size_t count;
    free(c->cleanup);
    free(c->cleanup_body);
    c->cleanup = strlist_split((char *)body + 4, len - 4, &count);
    c->cleanup_body = (char *)body;
    c->waiting = 1;
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(&c->held, sig) == 1)
            kill(c->wait_pid, sig);
    sigemptyset(&c->held);
    for (unsigned i = 0; i < REAPED_KEPT && i < c->reaped_next; i++)
        if (c->reaped[i].pid == c->wait_pid) {
            c->reaped[i].pid = 0;
            foreground_exited(c, c->reaped[i].status);
            return;
        }
}

/* One message from the planner; returns without doing anything on EOF (planner_gone decides). */
static void on_message(struct call *c)
{
    uint32_t type, len;
    int fd;
    int r = msg_recv_header_fd(c->sock, &type, &len, &fd);
    if (r != 0) {
        planner_gone(c);
        return;
    }
    if (len > PL_MAX_BODY)
        die("a message from the planner is too large", EPROTO);
    unsigned char *body = malloc(len + 1);
    if (!body)
        die("planner message", ENOMEM);
    if (msg_recv_body(c->sock, body, len) < 0) {
        free(body);
        if (fd >= 0)
            close(fd);
        planner_gone(c);
        return;
    }
    body[len] = 0;
    switch (type) {
    case PL_ACCEPTED:
        c->accepted = 1;
        c->read_only = len >= 4 && (le32(body) & ACCEPTED_READ_ONLY);
        break;
    case PL_MISMATCH:
        /* Another install's planner (an upgrade over a running one): it retires; the next call
         * gets a planner of these jars. */
        close(c->sock);
        close(c->sigfd);
        planner_start(c->in);
        cold_path(c->in);
    case PL_SPAWN:
        on_spawn(c, body, len);
        break;
    case PL_TTY:
        if (fd < 0)
            die("TTY: no terminal came with the message", EPROTO);
        tty_attach(fd);
        fd = -1;
        c->tty = 1;
        break;
    case PL_WAIT:
        on_wait(c, body, len);
        return; /* body is kept: the cleanup argv points into it */
    case PL_EXIT:
        tty_finish();
        exit(len >= 4 ? (int)le32(body) : 1);
    default:
        die("unexpected message from the planner", EPROTO);
    }
    if (fd >= 0)
        close(fd);
    free(body);
}

void serve(const struct install *in, int sock)
{
    struct call c = { .in = in, .sock = sock, .sigfd = -1 };
    sigemptyset(&c.mask);
    sigemptyset(&c.held);
    sigaddset(&c.mask, SIGCHLD);
    sigaddset(&c.mask, SIGWINCH);
    watch_signals(&c);
    for (;;) {
        struct pollfd p[4];
        int n = 0, tfds[2];
        if (c.sock >= 0)
            p[n++] = (struct pollfd){ .fd = c.sock, .events = POLLIN };
        p[n++] = (struct pollfd){ .fd = c.sigfd, .events = POLLIN };
        int t = tty_fds(tfds);
        for (int i = 0; i < t; i++)
            p[n++] = (struct pollfd){ .fd = tfds[i], .events = POLLIN };
        if (poll(p, (nfds_t)n, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll", errno);
        }
        for (int i = 0; i < n; i++) {
            if (!p[i].revents)
                continue;
            if (p[i].fd == c.sigfd)
                on_signals(&c);
            else if (p[i].fd == c.sock && c.sock >= 0)
                on_message(&c);
            else
                tty_ready(p[i].fd, p[i].revents);
        }
    }
}
