/*
 * TTY: the container's terminal is a pty whose master the planner passed over. The front end
 * stands between it and the caller's stdio, as `jrunc run -t` does on the cold path: stdin raw
 * while it is a terminal, the window size copied to the master, the master's output copied out.
 */
#include "frontend.h"

#include <errno.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int master = -1;
static int stdin_open;      /* still copying stdin to the master */
static int master_open;     /* still copying the master to stdout */
static int raw;             /* stdin was put in raw mode: restore `saved` */
static struct termios saved;

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

void tty_winch(void)
{
    struct winsize ws;
    if (master >= 0 && ioctl(0, TIOCGWINSZ, &ws) == 0)
        ioctl(master, TIOCSWINSZ, &ws);
}

int tty_attach(int fd)
{
    if (master >= 0)
        close(master);
    master = fd;
    master_open = 1;
    stdin_open = 1;
    /* A dead reader of stdout must not kill the front end before the container's status is known. */
    signal(SIGPIPE, SIG_IGN);
    if (!raw && isatty(0) && tcgetattr(0, &saved) == 0) {
        struct termios t = saved;
        cfmakeraw(&t);
        if (tcsetattr(0, TCSANOW, &t) == 0)
            raw = 1;
    }
    tty_winch();
    return 0;
}

int tty_fds(int *fds)
{
    int n = 0;
    if (master >= 0 && stdin_open)
        fds[n++] = 0;
    if (master >= 0 && master_open)
        fds[n++] = master;
    return n;
}

/* One read, copied on: 0 while the source has more, -1 once it is done. */
static int pump(int from, int to)
{
    char buf[4096];
    ssize_t n;
    do
        n = read(from, buf, sizeof buf);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN)
        return 0;
    if (n <= 0)
        return -1; /* EOF, or EIO: the master once no slave is open */
    if (write_all(to, buf, (size_t)n) < 0)
        return from == master ? 0 : -1; /* nobody reads stdout: keep draining the master */
    return 0;
}

void tty_ready(int fd, short revents)
{
    if (!(revents & (POLLIN | POLLHUP | POLLERR)))
        return;
    if (fd == 0 && stdin_open && pump(0, master) < 0)
        stdin_open = 0;
    else if (fd == master && master_open && pump(master, 1) < 0)
        master_open = 0;
}

void tty_finish(void)
{
    if (master >= 0) {
        /* Whatever the container wrote before it exited; a slave some other process still holds
         * open would keep the master from ever reaching EIO, so quiet for a moment counts as done. */
        struct pollfd p = { .fd = master, .events = POLLIN };
        while (master_open && poll(&p, 1, 200) > 0)
            if (pump(master, 1) < 0)
                master_open = 0;
        close(master);
        master = -1;
    }
    if (raw) {
        tcsetattr(0, TCSANOW, &saved);
        raw = 0;
    }
}
