/* CONSOLE: a pty from the container's devpts; the master goes to jrunc, the slave becomes the
 * process's controlling terminal and stdin/stdout/stderr. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif

/* The slave of master: TIOCGPTPEER (no path lookup), else /dev/pts/<TIOCGPTN>. */
static int open_slave(int master)
{
    int fd = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    if (fd >= 0 || (errno != EINVAL && errno != ENOTTY))
        return fd;
    unsigned int n;
    if (ioctl(master, TIOCGPTN, &n) < 0)
        return -1;
    char path[40] = "/dev/pts/";
    utoa(path + 9, n);
    return open(path, O_RDWR | O_NOCTTY);
}

/* CONSOLE(INT rows, INT cols) */
int op_console(const struct arg *a)
{
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return fail("open", "/dev/ptmx");
    int unlock = 0, slave = -1;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0) {
        fail("unlockpt", NULL);
        goto err;
    }
    slave = open_slave(master);
    if (slave < 0) {
        fail("open pty slave", NULL);
        goto err;
    }
    if (a[0].i > 0 || a[1].i > 0) {
        struct winsize ws = { .ws_row = (unsigned short)a[0].i, .ws_col = (unsigned short)a[1].i };
        if (ioctl(slave, TIOCSWINSZ, &ws) < 0) {
            fail("set console size", NULL);
            goto err;
        }
    }
    if (send_fd(st.sock, FD_TAG_CONSOLE, master) < 0) {
        fail("send console master", NULL);
        goto err;
    }
    close(master);
    master = -1;
    /* A process that already leads its session (SETSID before CONSOLE) keeps it. */
    if (setsid() < 0 && !(errno == EPERM && getsid(0) == getpid())) {
        fail("setsid", NULL);
        goto err;
    }
    if (ioctl(slave, TIOCSCTTY, 0) < 0) {
        fail("set controlling terminal", NULL);
        goto err;
    }
    for (int fd = 0; fd <= 2; fd++) {
        if (dup2(slave, fd) < 0) {
            fail("dup2 console", NULL);
            goto err;
        }
    }
    if (slave > 2)
        close(slave);
    return 0;
err:;
    int err = errno;
    if (master >= 0)
        close(master);
    if (slave > 2)
        close(slave);
    errno = err;
    return -1;
}
