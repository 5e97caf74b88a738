/*
 * SECCOMP_LISTENER and SECCOMP: load the filter jrunc compiled (libseccomp + the -ENOSYS stub, all
 * in Java) and, for SCMP_ACT_NOTIFY, hand the notify fd to the seccomp agent with the container
 * process state jrunc prepared. Nothing here looks at what the filter or the state say.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

/* From linux/seccomp.h and linux/filter.h, which musl's headers do not carry. */
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#define BPF_MAXINSNS 4096
struct sock_filter {
    uint16_t code;
    uint8_t jt;
    uint8_t jf;
    uint32_t k;
};
struct sock_fprog {
    unsigned short len;
    struct sock_filter *filter;
};

/* The agent connection SECCOMP_LISTENER made and the state to send over it, until SECCOMP. */
static int listener_fd = -1;
static char *payload;
static size_t payload_len;

/* The program, decoded from the wire (little-endian u16 code, u8 jt, u8 jf, u32 k per instruction). */
static struct sock_filter insns[BPF_MAXINSNS];

/* The payload: the pieces joined with the pid. */
static int build_payload(const struct arg *pieces, const char *pid)
{
    size_t len;
    char *p = join_with_pid(pieces, pid, &len);
    if (!p)
        return fail("seccomp listener: malloc", NULL);
    free(payload);
    payload = p;
    payload_len = len;
    return 0;
}

/*
 * SECCOMP_LISTENER(STR host socket path, STRV payload pieces): connect to the agent now, while its
 * path is reachable (before the pivot), and prepare the payload with the init's pid as the runtime
 * sees it: /proc/self before the pivot is the host's procfs, while getpid() would give the pid in
 * the container's own namespace.
 */
int op_seccomp_listener(const struct arg *a)
{
    const char *path = a[0].s;
    char pid[32];
    ssize_t n = readlink("/proc/self", pid, sizeof pid - 1);
    if (n <= 0)
        return fail("seccomp listener: readlink", "/proc/self");
    pid[n] = 0;
    if (build_payload(&a[1], pid) < 0)
        return -1;

    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (a[0].len >= sizeof addr.sun_path)
        return fail_errno(ENAMETOOLONG, "seccomp listener: connect", path);
    memcpy(addr.sun_path, path, a[0].len + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail("seccomp listener: socket for", path);
    int r;
    do
        r = connect(fd, (struct sockaddr *)&addr, sizeof addr);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        int err = errno;
        close(fd);
        return fail_errno(err, "seccomp listener: connect", path);
    }
    if (listener_fd >= 0)
        close(listener_fd);
    listener_fd = fd;
    return 0;
}

/* The payload with the notify fd on its first byte; the rest (if sendmsg was short) without. */
static int send_to_agent(int notify_fd)
{
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int))];
    } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct iovec iov = { payload, payload_len };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&mh);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &notify_fd, sizeof(int));
    while (iov.iov_len > 0) {
        ssize_t n = sendmsg(listener_fd, &mh, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        iov.iov_base = (char *)iov.iov_base + n;
        iov.iov_len -= (size_t)n;
        mh.msg_control = NULL; /* runtime-spec: the fds go with the first sendmsg only */
        mh.msg_controllen = 0;
    }
    return 0;
}

/*
 * SECCOMP(BYTES program, INT flags): seccomp(SECCOMP_SET_MODE_FILTER, flags, program), not prctl,
 * so that the flags apply. With SECCOMP_FILTER_FLAG_NEW_LISTENER the returned notify fd goes to the
 * agent SECCOMP_LISTENER connected to, then both are closed: the agent holds the only copy.
 */
int op_seccomp(const struct arg *a)
{
    const unsigned char *b = a[0].b;
    uint32_t count = a[0].len / 8;
    unsigned long flags = (unsigned long)a[1].i;
    if (a[0].len % 8 != 0 || count == 0 || count > BPF_MAXINSNS)
        return fail_errno(EINVAL, "seccomp: not a BPF program of 1 to 4096 instructions", NULL);
    int notify = (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0;
    if (notify && listener_fd < 0)
        return fail_errno(EINVAL, "seccomp: a notify filter without SECCOMP_LISTENER before it", NULL);
    for (uint32_t i = 0; i < count; i++, b += 8) {
        insns[i].code = (uint16_t)(b[0] | b[1] << 8);
        insns[i].jt = b[2];
        insns[i].jf = b[3];
        insns[i].k = (uint32_t)b[4] | (uint32_t)b[5] << 8 | (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
    }
    struct sock_fprog prog = { (unsigned short)count, insns };

    /* From here on every syscall of this process passes the filter. */
    long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
    if (fd < 0)
        return fail("seccomp", "SECCOMP_SET_MODE_FILTER");
    if (!notify)
        return 0;
    int r = send_to_agent((int)fd);
    int err = errno;
    close((int)fd);
    close(listener_fd);
    listener_fd = -1;
    /* payload stays allocated: free() may munmap, one more syscall the profile would have to
     * allow, and execve is about to drop it anyway. */
    return r < 0 ? fail_errno(err, "seccomp: send the notify fd to the listener", NULL) : 0;
}
