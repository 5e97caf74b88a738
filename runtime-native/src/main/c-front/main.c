/*
 * jrunc, the command: a small static front end (docs/planner-protocol.md). It hands the call to
 * the resident planner of its uid when one answers, and otherwise takes the cold path: it execs
 * LIBDIR/jrunc-java with the same argv, as jrunc ran before there was a planner, and starts a
 * planner in the background for the next calls.
 */
#include "frontend.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

char **fe_argv;
sigset_t fe_caller_mask;

void die(const char *what, int err)
{
    if (err)
        fprintf(stderr, "jrunc: %s: %s\n", what, strerror(err));
    else
        fprintf(stderr, "jrunc: %s\n", what);
    exit(1);
}

/*
 * Which of the caller's fds 0..2 are open. A closed one is held by /dev/null (close-on-exec)
 * while the front end runs, so that nothing it opens lands there by accident and is taken for the
 * caller's stdio; the exec of the cold path or of jrunc-init closes it again.
 */
static void hold_closed_stdio(int open_fds[3])
{
    for (int n = 0; n < 3; n++)
        open_fds[n] = fcntl(n, F_GETFD) >= 0 || errno != EBADF;
    for (int n = 0; n < 3; n++)
        if (!open_fds[n])
            open("/dev/null", O_RDWR | O_CLOEXEC);
}

static int send_list(int sock, uint32_t type, char **strings)
{
    struct strlist l = { 0 };
    for (; *strings; strings++)
        if (strlist_add(&l, *strings) < 0) {
            strlist_free(&l);
            errno = ENOMEM;
            return -1;
        }
    int r = send_msg(sock, type, l.buf, (uint32_t)l.len);
    strlist_free(&l);
    return r;
}

/* HELLO ARGV CWD ENV STDIO... GO, all at once: the planner answers only after GO. */
static int send_request(int sock, const struct install *in, const int open_fds[3])
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = 0; /* the planner then takes /proc/PID/cwd */
    if (send_msg(sock, FE_HELLO, in->build_id, (uint32_t)strlen(in->build_id)) < 0
        || send_list(sock, FE_ARGV, fe_argv[0] ? fe_argv + 1 : fe_argv) < 0
        || send_msg(sock, FE_CWD, cwd, (uint32_t)strlen(cwd)) < 0
        || send_list(sock, FE_ENV, environ) < 0)
        return -1;
    for (int n = 0; n < 3; n++) {
        unsigned char b[4];
        put32(b, (uint32_t)n);
        if (open_fds[n] && send_msg_fd(sock, FE_STDIO, b, 4, n) < 0)
            return -1;
    }
    return send_msg(sock, FE_GO, NULL, 0);
}

int main(int argc, char **argv)
{
    (void)argc;
    static struct install in;
    int open_fds[3];
    fe_argv = argv;
    hold_closed_stdio(open_fds);
    sigprocmask(SIG_SETMASK, NULL, &fe_caller_mask);
    if (install_find(&in) < 0)
        die("cannot find jrunc's library directory from /proc/self/exe", 0);
    if (!planner_enabled())
        cold_path(&in);
    int sock;
    switch (planner_connect(&in, &sock)) {
    case LINK_REFUSED:
        cold_path(&in);
    case LINK_START:
        planner_start(&in);
        cold_path(&in);
    case LINK_CONNECTED:
        break;
    }
    /* A planner that hangs up before it has read the request has done nothing: cold path. */
    if (send_request(sock, &in, open_fds) < 0) {
        close(sock);
        cold_path(&in);
    }
    serve(&in, sock);
}
