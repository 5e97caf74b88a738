/*
 * OPEN_NS, JOIN_NS: entering the namespaces of a running container (exec).
 *
 * Every namespace file is opened before any is joined: once the mount namespace is joined, the
 * host's /proc/<pid>/ns paths no longer resolve (the container's /proc is another pid namespace's),
 * and once the user namespace is joined the helper may no longer be allowed to open the files of a
 * non-dumpable init. Java checks between the two (a SYNC) that the pid still is the container's
 * init, so the open fds are known to be the container's namespaces.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <unistd.h>

#ifndef NS_GET_NSTYPE
#define NS_GET_NSTYPE 0xb703 /* _IO(0xb7, 0x3), linux/nsfs.h */
#endif

/* One slot per namespace type the kernel has (user, mnt, pid, net, ipc, uts, cgroup, time). */
#define NS_MAX 8

static struct {
    int fd;
    const char *path; /* points into the plan, which lives as long as the process */
} opened[NS_MAX];
static int nopened;

/* OPEN_NS(STR host path, INT nstype): open the file and check it is a namespace of that type. */
int op_open_ns(const struct arg *a)
{
    if (nopened == NS_MAX)
        return fail_errno(E2BIG, "open namespace: too many namespaces", a[0].s);
    int fd = open(a[0].s, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail("open namespace", a[0].s);
    int type = ioctl(fd, NS_GET_NSTYPE);
    if (type < 0 || type != (int)a[1].i) {
        int err = type < 0 ? errno : EINVAL;
        close(fd);
        return fail_errno(err, type < 0 ? "not a namespace:" : "namespace of another type:", a[0].s);
    }
    opened[nopened].fd = fd;
    opened[nopened].path = a[0].s;
    nopened++;
    return 0;
}

/* JOIN_NS(): setns every opened namespace in the order they were opened, closing each. */
int op_join_ns(const struct arg *a)
{
    (void)a;
    for (int i = 0; i < nopened; i++) {
        if (setns(opened[i].fd, 0) < 0)
            return fail("setns", opened[i].path);
        close(opened[i].fd);
        opened[i].fd = -1;
    }
    nopened = 0;
    return 0;
}
