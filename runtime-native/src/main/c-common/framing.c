/* Message framing (framing.h): the part of the wire format jrunc-init and the front end share. */
#include "framing.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

int read_full(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0) {
            if (got == 0)
                return 1;
            errno = EPIPE;
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

int msg_recv_header(int fd, uint32_t *type, uint32_t *len)
{
    unsigned char h[8];
    int r = read_full(fd, h, sizeof h);
    if (r != 0)
        return r;
    *type = le32(h);
    *len = le32(h + 4);
    return 0;
}

int msg_recv_header_fd(int fd, uint32_t *type, uint32_t *len, int *passfd)
{
    unsigned char h[8];
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int))];
    } ctl;
    struct iovec iov = { h, sizeof h };
    struct msghdr mh = { 0 };
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctl.buf;
    mh.msg_controllen = sizeof ctl.buf;
    *passfd = -1;
    ssize_t n;
    do
        n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    if (n == 0)
        return 1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len >= CMSG_LEN(sizeof(int)))
            memcpy(passfd, CMSG_DATA(c), sizeof(int));
    /* The fd came with the first byte; a short read finishes without it. */
    if ((size_t)n < sizeof h && read_full(fd, h + n, sizeof h - (size_t)n) != 0) {
        if (*passfd >= 0)
            close(*passfd);
        *passfd = -1;
        errno = EPIPE;
        return -1;
    }
    *type = le32(h);
    *len = le32(h + 4);
    return 0;
}

int msg_recv_body(int fd, void *buf, size_t len)
{
    int r = read_full(fd, buf, len);
    if (r == 1) {
        errno = EPIPE;
        return -1;
    }
    return r;
}

/* Sends header + body (+ an optional cmsg on the first byte); loops over short sends. */
static int send_all(int fd, unsigned char *hdr, const void *body, uint32_t len, struct msghdr *cm)
{
    struct iovec iov[2] = { { hdr, 8 }, { (void *)body, len } };
    struct msghdr mh = { 0 };
    if (cm)
        mh = *cm;
    mh.msg_iov = iov;
    mh.msg_iovlen = len ? 2 : 1;
    size_t left = 8 + (size_t)len;
    while (left > 0) {
        ssize_t n = sendmsg(fd, &mh, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        left -= (size_t)n;
        mh.msg_control = NULL; /* the fd went with the first byte */
        mh.msg_controllen = 0;
        while (n > 0 && mh.msg_iovlen > 0) {
            size_t step = (size_t)n < mh.msg_iov->iov_len ? (size_t)n : mh.msg_iov->iov_len;
            mh.msg_iov->iov_base = (char *)mh.msg_iov->iov_base + step;
            mh.msg_iov->iov_len -= step;
            n -= (ssize_t)step;
            if (mh.msg_iov->iov_len == 0) {
                mh.msg_iov++;
                mh.msg_iovlen--;
            }
        }
    }
    return 0;
}

int send_msg_fd(int fd, uint32_t type, const void *body, uint32_t len, int passfd)
{
    unsigned char hdr[8];
    put32(hdr, type);
    put32(hdr + 4, len);
    if (passfd < 0)
        return send_all(fd, hdr, body, len, NULL);
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int))];
    } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr mh = { 0 };
    mh.msg_control = ctl.buf;
    mh.msg_controllen = sizeof ctl.buf;
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&mh);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &passfd, sizeof(int));
    return send_all(fd, hdr, body, len, &mh);
}

int send_msg(int fd, uint32_t type, const void *body, uint32_t len)
{
    return send_msg_fd(fd, type, body, len, -1);
}

int send_u32(int fd, uint32_t type, uint32_t v)
{
    unsigned char b[4];
    put32(b, v);
    return send_msg(fd, type, b, 4);
}
