/*
 * seccomp-agent SOCKET OUT ERRNO: a minimal seccomp agent for the SCMP_ACT_NOTIFY tests.
 *
 * Listens on the unix socket SOCKET, takes one connection from the runtime, reads the container
 * process state (JSON) and the fd that came with it through SCM_RIGHTS, then answers every
 * notification on that fd with -ERRNO, until the container's processes are gone. Prints
 * "listening" on stdout once SOCKET accepts connections. Writes to OUT, one key=value per line:
 *   fds=N          how many fds came with the state
 *   state=JSON     the container process state as received
 *   notif=NR       the syscall number of each notification answered
 *   done=REASON    why it stopped
 * Built by the integration tests like the probe (gcc -static -O2).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static FILE *out;

static void done(const char *why) {
    fprintf(out, "done=%s\n", why);
    fclose(out);
    exit(0);
}

/* The state and the fds: the fds come with the first bytes; the runtime closes after sending. */
static int receive(int conn) {
    static char buf[1 << 16];
    size_t len = 0;
    int fd = -1, nfds = 0;
    for (;;) {
        union { struct cmsghdr align; char b[CMSG_SPACE(sizeof(int) * 4)]; } ctl;
        struct iovec iov = { buf + len, sizeof buf - 1 - len };
        struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof ctl.b };
        ssize_t n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) done("recvmsg failed");
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
            int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < k; i++) {
                int got;
                memcpy(&got, CMSG_DATA(c) + i * sizeof(int), sizeof got);
                if (fd < 0) fd = got; else close(got);
                nfds++;
            }
        }
        if (n == 0 || len + (size_t)n >= sizeof buf - 1) break;
        len += (size_t)n;
    }
    buf[len] = 0;
    fprintf(out, "fds=%d\nstate=%s\n", nfds, buf);
    fflush(out);
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: seccomp-agent SOCKET OUT ERRNO\n"); return 2; }
    out = fopen(argv[2], "w");
    if (!out) { perror(argv[2]); return 1; }
    int answer = atoi(argv[3]);

    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    strncpy(addr.sun_path, argv[1], sizeof addr.sun_path - 1);
    unlink(argv[1]);
    if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(s, 4) < 0) { perror("listen"); return 1; }
    printf("listening\n");
    fflush(stdout);

    int conn = accept4(s, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) done("accept failed");
    int fd = receive(conn);
    close(conn);
    if (fd < 0) done("no fd");

    struct seccomp_notif_sizes sizes;
    if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0) done("SECCOMP_GET_NOTIF_SIZES failed");
    struct seccomp_notif *req = calloc(1, sizes.seccomp_notif);
    struct seccomp_notif_resp *resp = calloc(1, sizes.seccomp_notif_resp);
    for (;;) {
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, -1) < 0) { if (errno == EINTR) continue; done("poll failed"); }
        if (p.revents & POLLHUP) done("hangup");
        memset(req, 0, sizes.seccomp_notif);
        if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, req) < 0) {
            if (errno == EINTR || errno == ENOENT) continue; /* the caller went away meanwhile */
            done("SECCOMP_IOCTL_NOTIF_RECV failed");
        }
        fprintf(out, "notif=%d\n", req->data.nr);
        fflush(out);
        memset(resp, 0, sizes.seccomp_notif_resp);
        resp->id = req->id;
        resp->error = -answer;
        if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT) done("SECCOMP_IOCTL_NOTIF_SEND failed");
    }
}
