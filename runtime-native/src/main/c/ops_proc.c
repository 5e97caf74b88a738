/* Process ops: namespaces, sync points, fork, session, names, limits, credentials, cwd. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* UNSHARE(INT flags) */
int op_unshare(const struct arg *a)
{
    if (unshare((int)a[0].i) < 0)
        return fail("unshare", NULL);
    return 0;
}

/* SETNS(STR host path, INT nstype) */
int op_setns(const struct arg *a)
{
    int fd = open(a[0].s, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail("open", a[0].s);
    int r = setns(fd, (int)a[1].i);
    int err = errno;
    close(fd);
    return r < 0 ? fail_errno(err, "setns", a[0].s) : 0;
}

/* SYNC(INT tag): SYNC(tag) out, then wait for ACK(tag). ABORT or EOF: exit 1 at once. */
int op_sync(const struct arg *a)
{
    uint32_t tag = (uint32_t)a[0].i;
    if (send_u32(st.sock, MSG_SYNC, tag) < 0)
        return fail("send SYNC", NULL);
    uint32_t type, len;
    unsigned char body[4];
    int r = msg_recv_header(st.sock, &type, &len);
    if (r == 1 || (r == 0 && type == MSG_ABORT))
        _exit(1);
    if (r < 0)
        return fail("wait for ACK", NULL);
    if (type != MSG_ACK || len != 4)
        return fail_errno(EPROTO, "wait for ACK: unexpected message", NULL);
    if (msg_recv_body(st.sock, body, 4) < 0)
        return fail("wait for ACK", NULL);
    uint32_t got = (uint32_t)body[0] | (uint32_t)body[1] << 8 | (uint32_t)body[2] << 16 |
                   (uint32_t)body[3] << 24;
    if (got != tag)
        return fail_errno(EPROTO, "wait for ACK: wrong tag", NULL);
    return 0;
}

/*
 * FORK(): the parent sends PID(child) and exits 0; the child continues. The child waits on a
 * pipe until the parent has sent PID, so that PID comes before anything the child sends.
 */
int op_fork(const struct arg *a)
{
    (void)a;
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return fail("pipe", NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(p[0]);
        close(p[1]);
        return fail_errno(err, "fork", NULL);
    }
    if (pid > 0) {
        close(p[0]);
        if (send_u32(st.sock, MSG_PID, (uint32_t)pid) < 0)
            return fail("send PID", NULL); /* the child sees EOF on the pipe and exits 1 */
        if (write(p[1], "x", 1) != 1)
            return fail("release child", NULL);
        _exit(0);
    }
    close(p[1]);
    char c;
    ssize_t n;
    do
        n = read(p[0], &c, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1)
        _exit(1);
    close(p[0]);
    return 0;
}

/* SETSID() */
int op_setsid(const struct arg *a)
{
    (void)a;
    if (setsid() < 0)
        return fail("setsid", NULL);
    return 0;
}

/* SETHOSTNAME(STR name) */
int op_sethostname(const struct arg *a)
{
    if (sethostname(a[0].s, a[0].len) < 0)
        return fail("sethostname", a[0].s);
    return 0;
}

/* SETDOMAINNAME(STR name) */
int op_setdomainname(const struct arg *a)
{
    if (setdomainname(a[0].s, a[0].len) < 0)
        return fail("setdomainname", a[0].s);
    return 0;
}

/* SETRLIMIT(INT resource, INT soft, INT hard); -1 = RLIM_INFINITY */
int op_setrlimit(const struct arg *a)
{
    struct rlimit rl = {
        .rlim_cur = a[1].i == -1 ? RLIM_INFINITY : (rlim_t)a[1].i,
        .rlim_max = a[2].i == -1 ? RLIM_INFINITY : (rlim_t)a[2].i,
    };
    if (prlimit(0, (int)a[0].i, &rl, NULL) < 0)
        return fail("prlimit", NULL);
    return 0;
}

/* SETGROUPS(BYTES gids, u32 LE each). The raw syscall reads the (unaligned) buffer as is. */
int op_setgroups(const struct arg *a)
{
    if (a[0].len % 4)
        return fail_errno(EINVAL, "setgroups: length not a multiple of 4", NULL);
    if (syscall(SYS_setgroups, (long)(a[0].len / 4), a[0].b) < 0)
        return fail("setgroups", NULL);
    return 0;
}

/* SETRESGID(INT gid). The raw syscall: musl's wrapper synchronises threads (we have one) with
 * signal-mask syscalls a strict seccomp profile need not allow (docs/seccomp.md, "After the filter"). */
int op_setresgid(const struct arg *a)
{
    gid_t g = (gid_t)a[0].i;
    if (syscall(SYS_setresgid, g, g, g) < 0)
        return fail("setresgid", NULL);
    return 0;
}

/* SETRESUID(INT uid): the raw syscall, as SETRESGID; it runs after a filter loaded without no_new_privs. */
int op_setresuid(const struct arg *a)
{
    uid_t u = (uid_t)a[0].i;
    if (syscall(SYS_setresuid, u, u, u) < 0)
        return fail("setresuid", NULL);
    return 0;
}

/* UMASK(INT mask) */
int op_umask(const struct arg *a)
{
    umask((mode_t)a[0].i & 0777);
    return 0;
}

/* CHDIR(STR path): resolved in the root, never through a magic link (ops_hardening.c) */
int op_chdir(const struct arg *a)
{
    return chdir_in_root(a[0].s);
}

/* READY() */
int op_ready(const struct arg *a)
{
    (void)a;
    if (send_msg(st.sock, MSG_READY, NULL, 0) < 0)
        return fail("send READY", NULL);
    st.ready = 1;
    return 0;
}

/* JOIN_KEYRING(STR name): a session keyring of the container's own, so it cannot read the host's
 * keys; a kernel built without keyrings (ENOSYS) simply has none to leak. */
int op_join_keyring(const struct arg *a)
{
    if (syscall(SYS_keyctl, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, a[0].s) < 0 && errno != ENOSYS)
        return fail("keyctl join session keyring", a[0].s);
    return 0;
}
