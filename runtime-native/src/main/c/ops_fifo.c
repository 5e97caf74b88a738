/* OPEN_FIFO_DIR and WAIT_FIFO: the exec fifo that holds a created container until `start`. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* OPEN_FIFO_DIR(STR host dir) */
int op_open_fifo_dir(const struct arg *a)
{
    int fd = open(a[0].s, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail("open", a[0].s);
    if (st.fifodirfd >= 0)
        close(st.fifodirfd);
    st.fifodirfd = fd;
    return 0;
}

/* WAIT_FIFO(): blocks in open until a reader opens exec.fifo, then writes "0". When
 * OPEN_EXEC_FIFO (ops_hooks.c) opened it already, writes into that one. */
int op_wait_fifo(const struct arg *a)
{
    (void)a;
    if (st.fifodirfd < 0)
        return fail_errno(EBADF, "open exec.fifo: no OPEN_FIFO_DIR before", NULL);
    int fd = exec_fifo_take();
    while (fd < 0) {
        fd = openat(st.fifodirfd, "exec.fifo", O_WRONLY | O_CLOEXEC);
        if (fd < 0 && errno != EINTR)
            break;
    }
    if (fd < 0)
        return fail("open", "exec.fifo");
    /* A reader that went away must give EPIPE here, not kill us with SIGPIPE. */
    set_sigpipe_ignored(1);
    ssize_t n;
    do
        n = write(fd, "0", 1);
    while (n < 0 && errno == EINTR);
    int err = errno;
    set_sigpipe_ignored(0);
    close(fd);
    close(st.fifodirfd);
    st.fifodirfd = -1;
    if (n != 1)
        return fail_errno(n < 0 ? err : EIO, "write", "exec.fifo");
    return 0;
}
