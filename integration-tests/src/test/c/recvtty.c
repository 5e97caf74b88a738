/*
 * recvtty: the receiving end of `--console-socket` for the integration tests.
 *
 *   recvtty SOCKET_PATH [ROWSxCOLS]
 *
 * Listens on a unix stream socket at SOCKET_PATH, accepts one connection, receives one file
 * descriptor (the pty master) through SCM_RIGHTS, optionally sets its window size, and copies
 * everything read from the master to stdout until the slave side is closed (EIO) or EOF.
 * Progress goes to stderr as key=value lines the tests wait for:
 *   recvtty=listening
 *   recvtty=received name=<payload sent with the fd> fd=<n> isatty=<0|1>
 *   recvtty=winsize rows=R cols=C
 *   recvtty=done bytes=N
 * The JDK cannot receive file descriptors, hence this helper. Built with gcc -static -O2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: recvtty SOCKET_PATH [ROWSxCOLS]\n"); return 2; }
    setvbuf(stderr, NULL, _IONBF, 0);
    int rows = 0, cols = 0;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &rows, &cols) != 2) { fprintf(stderr, "bad size %s\n", argv[2]); return 2; }

    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0) { perror("socket"); return 1; }
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof addr.sun_path) { fprintf(stderr, "path too long\n"); return 2; }
    strcpy(addr.sun_path, argv[1]);
    unlink(argv[1]);
    if (bind(ls, (struct sockaddr *)&addr, sizeof addr) != 0) { perror("bind"); return 1; }
    if (listen(ls, 1) != 0) { perror("listen"); return 1; }
    fprintf(stderr, "recvtty=listening\n");

    int c = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0) { perror("accept"); return 1; }

    char name[4096];
    char cbuf[CMSG_SPACE(sizeof(int) * 4)];
    struct iovec iov = {name, sizeof name - 1};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf;
    msg.msg_controllen = sizeof cbuf;
    ssize_t n = recvmsg(c, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0) { perror("recvmsg"); return 1; }
    name[n > 0 ? n : 0] = 0;
    int master = -1;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            memcpy(&master, CMSG_DATA(cm), sizeof(int));
            break;
        }
    }
    close(c);
    close(ls);
    if (master < 0) { fprintf(stderr, "recvtty=nofd\n"); return 1; }
    for (ssize_t i = 0; i < n; i++) if (name[i] == '\n' || name[i] == 0) { name[i] = 0; break; }
    fprintf(stderr, "recvtty=received name=%s fd=%d isatty=%d\n", name, master, isatty(master));

    if (rows > 0) {
        struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
        if (ioctl(master, TIOCSWINSZ, &ws) != 0) { perror("TIOCSWINSZ"); return 1; }
        fprintf(stderr, "recvtty=winsize rows=%d cols=%d\n", rows, cols);
    }

    long total = 0;
    char buf[8192];
    for (;;) {
        ssize_t r = read(master, buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break; /* EIO once every slave fd is closed */
        for (ssize_t off = 0; off < r;) {
            ssize_t w = write(1, buf + off, r - off);
            if (w < 0) { if (errno == EINTR) continue; perror("write"); return 1; }
            off += w;
        }
        total += r;
    }
    fprintf(stderr, "recvtty=done bytes=%ld\n", total);
    return 0;
}
