/* Small helpers: error details, number formatting, fd and signal hygiene. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

struct state st = { .sock = -1, .rootfd = -1, .fifodirfd = -1 };

void detail_append(const char *s)
{
    size_t n = strlen(st.detail);
    size_t room = sizeof st.detail - 1 - n;
    size_t k = strlen(s);
    if (k > room)
        k = room;
    memcpy(st.detail + n, s, k);
    st.detail[n + k] = 0;
}

int fail(const char *step, const char *what)
{
    int err = errno;
    st.detail[0] = 0;
    detail_append(step);
    if (what) {
        detail_append(" ");
        detail_append(what);
    }
    errno = err;
    return -1;
}

int fail_errno(int err, const char *step, const char *what)
{
    errno = err;
    return fail(step, what);
}

char *utoa(char *buf, unsigned long v)
{
    char tmp[21];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
    return buf;
}

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* close_range(first, ~0, CLOSE_RANGE_CLOEXEC), or a walk of /proc/self/fd on old kernels. */
int fds_cloexec_from(unsigned int first)
{
    if (syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
        return 0;
    if (errno != ENOSYS && errno != EINVAL)
        return -1;
    int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return -1;
    union {
        struct linux_dirent64 align;
        char b[1024];
    } buf;
    long n;
    while ((n = syscall(SYS_getdents64, dir, buf.b, sizeof buf.b)) > 0) {
        for (long off = 0; off < n;) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buf.b + off);
            off += d->d_reclen;
            unsigned long fd = 0;
            const char *p = d->d_name;
            if (*p < '0' || *p > '9')
                continue;
            while (*p >= '0' && *p <= '9')
                fd = fd * 10 + (unsigned long)(*p++ - '0');
            if (fd >= first && (int)fd != dir)
                fcntl((int)fd, F_SETFD, FD_CLOEXEC);
        }
    }
    int err = errno;
    close(dir);
    errno = err;
    return n < 0 ? -1 : 0;
}

/* The kernel's struct sigaction (x86_64), so that every signal, including those libc reserves
 * for itself, can be reset. */
struct k_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

void signals_reset(void)
{
    struct k_sigaction sa = { .handler = SIG_DFL };
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP)
            continue;
        syscall(SYS_rt_sigaction, sig, &sa, NULL, sizeof sa.mask);
    }
    uint64_t none = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, sizeof none);
}

void set_sigpipe_ignored(int ignored)
{
    struct k_sigaction sa = { .handler = ignored ? SIG_IGN : SIG_DFL };
    syscall(SYS_rt_sigaction, SIGPIPE, &sa, NULL, sizeof sa.mask);
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

void print_error(const char *detail, int err)
{
    char line[sizeof st.detail + 128];
    size_t n = 0;
    const char *parts[] = { "jrunc-init: ", detail, ": ", strerror(err), "\n" };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t k = strlen(parts[i]);
        if (k > sizeof line - n)
            k = sizeof line - n;
        memcpy(line + n, parts[i], k);
        n += k;
    }
    set_sigpipe_ignored(1);
    write_all(2, line, n);
}

char *join_with_pid(const struct arg *pieces, const char *pid, size_t *len)
{
    size_t n = 0, pidlen = strlen(pid);
    for (uint32_t i = 0; i < pieces->len; i++)
        n += strlen(pieces->v[i]) + (i > 0 ? pidlen : 0);
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    size_t at = 0;
    for (uint32_t i = 0; i < pieces->len; i++) {
        if (i > 0) {
            memcpy(s + at, pid, pidlen);
            at += pidlen;
        }
        size_t k = strlen(pieces->v[i]);
        memcpy(s + at, pieces->v[i], k);
        at += k;
    }
    s[at] = 0;
    *len = at;
    return s;
}
