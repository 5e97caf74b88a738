/* Message framing and plan decoding (docs/plan-protocol.md, "Encoding"). */
#include "jrunc_init.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* ---- reading ---- */

/* 0: all n bytes read; 1: EOF before the first byte; -1: error, or EOF inside (errno EPIPE). */
static int read_full(int fd, void *buf, size_t n)
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

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
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

int msg_recv_body(int fd, void *buf, size_t len)
{
    int r = read_full(fd, buf, len);
    if (r == 1) {
        errno = EPIPE;
        return -1;
    }
    return r;
}

/* ---- plan decoding ---- */

struct cursor {
    const unsigned char *p, *end;
};

static int take(struct cursor *c, size_t n, const unsigned char **out)
{
    if ((size_t)(c->end - c->p) < n)
        return -1;
    *out = c->p;
    c->p += n;
    return 0;
}

static int get_u32(struct cursor *c, uint32_t *v)
{
    const unsigned char *p;
    if (take(c, 4, &p))
        return -1;
    *v = le32(p);
    return 0;
}

/* A STR payload: u32 len, len bytes, the last NUL and no other NUL. */
static int get_str(struct cursor *c, const char **s, uint32_t *slen)
{
    uint32_t n;
    const unsigned char *p;
    if (get_u32(c, &n) || n == 0 || take(c, n, &p))
        return -1;
    if (p[n - 1] != 0 || memchr(p, 0, n - 1) != NULL)
        return -1;
    *s = (const char *)p;
    *slen = n - 1;
    return 0;
}

/*
 * Walks the ops. With ops == NULL it only validates and counts arguments and STRV slots;
 * otherwise it fills ops, args and ptrs (sized by the counting pass).
 */
static int walk(struct cursor c, uint32_t count, struct op *ops, struct arg *args, char **ptrs,
                size_t *nargs, size_t *nptrs, uint32_t *bad_op)
{
    size_t na = 0, np = 0;
    for (uint32_t i = 0; i < count; i++) {
        const unsigned char *h;
        *bad_op = i;
        if (take(&c, 4, &h))
            return fail_errno(EPROTO, "plan: truncated op", NULL);
        uint32_t code = (uint32_t)h[0] | (uint32_t)h[1] << 8;
        uint32_t argc = (uint32_t)h[2] | (uint32_t)h[3] << 8;
        if (ops) {
            ops[i].code = code;
            ops[i].argc = argc;
            ops[i].args = args + na;
        }
        for (uint32_t j = 0; j < argc; j++, na++) {
            const unsigned char *k, *p;
            struct arg tmp, *a = ops ? &args[na] : &tmp;
            if (take(&c, 1, &k))
                return fail_errno(EPROTO, "plan: truncated argument", NULL);
            a->kind = k[0];
            switch (k[0]) {
            case ARG_INT:
                if (take(&c, 8, &p))
                    return fail_errno(EPROTO, "plan: truncated INT", NULL);
                a->len = 0;
                a->i = (int64_t)((uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32);
                break;
            case ARG_STR:
                if (get_str(&c, &a->s, &a->len))
                    return fail_errno(EPROTO, "plan: bad STR", NULL);
                break;
            case ARG_STRV:
                if (get_u32(&c, &a->len) || a->len > (size_t)(c.end - c.p) / 5)
                    return fail_errno(EPROTO, "plan: bad STRV count", NULL);
                if (ops)
                    a->v = ptrs + np;
                for (uint32_t n = 0; n < a->len; n++, np++) {
                    const char *s;
                    uint32_t slen;
                    if (get_str(&c, &s, &slen))
                        return fail_errno(EPROTO, "plan: bad STRV element", NULL);
                    if (ops)
                        ptrs[np] = (char *)s;
                }
                if (ops)
                    ptrs[np] = NULL;
                np++;
                break;
            case ARG_BYTES:
                if (get_u32(&c, &a->len) || take(&c, a->len, &a->b))
                    return fail_errno(EPROTO, "plan: bad BYTES", NULL);
                break;
            default:
                return fail_errno(EPROTO, "plan: unknown argument kind", NULL);
            }
        }
    }
    *bad_op = NO_OP_INDEX;
    if (c.p != c.end)
        return fail_errno(EPROTO, "plan: trailing bytes after the last op", NULL);
    *nargs = na;
    *nptrs = np;
    return 0;
}

int plan_read(int fd, struct plan *plan, uint32_t *bad_op)
{
    uint32_t type, len;
    *bad_op = NO_OP_INDEX;
    int r = msg_recv_header(fd, &type, &len);
    if (r == 1 || (r == 0 && type == MSG_ABORT))
        _exit(1);
    if (r < 0)
        return fail("plan: read", NULL);
    if (type != MSG_PLAN)
        return fail_errno(EPROTO, "plan: expected a PLAN message", NULL);
    if (len < 12 || len > PLAN_MAX_BODY)
        return fail_errno(EMSGSIZE, "plan: bad length", NULL);

    unsigned char *body = malloc(len);
    if (!body)
        return fail("plan: malloc", NULL);
    if (msg_recv_body(fd, body, len))
        return fail("plan: read", NULL);

    struct cursor c = { body, body + len };
    uint32_t magic, version, count;
    get_u32(&c, &magic);
    get_u32(&c, &version);
    get_u32(&c, &count);
    if (magic != PLAN_MAGIC)
        return fail_errno(EPROTO, "plan: bad magic", NULL);
    if (version != PLAN_VERSION)
        return fail_errno(EPROTO, "plan: unsupported version", NULL);
    if (count > len / 4)
        return fail_errno(EPROTO, "plan: bad op count", NULL);

    size_t nargs, nptrs;
    if (walk(c, count, NULL, NULL, NULL, &nargs, &nptrs, bad_op))
        return -1;
    /* One block: ops, then args, then the STRV pointer slots. */
    size_t size = count * sizeof(struct op) + nargs * sizeof(struct arg) + nptrs * sizeof(char *);
    unsigned char *mem = malloc(size ? size : 1);
    if (!mem)
        return fail("plan: malloc", NULL);
    struct op *ops = (struct op *)mem;
    struct arg *args = (struct arg *)(mem + count * sizeof(struct op));
    char **ptrs = (char **)(mem + count * sizeof(struct op) + nargs * sizeof(struct arg));
    if (walk(c, count, ops, args, ptrs, &nargs, &nptrs, bad_op))
        return -1;
    plan->count = count;
    plan->ops = ops;
    return 0;
}

/* ---- sending ---- */

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
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

int send_msg(int fd, uint32_t type, const void *body, uint32_t len)
{
    unsigned char hdr[8];
    put32(hdr, type);
    put32(hdr + 4, len);
    return send_all(fd, hdr, body, len, NULL);
}

int send_u32(int fd, uint32_t type, uint32_t v)
{
    unsigned char b[4];
    put32(b, v);
    return send_msg(fd, type, b, 4);
}

int send_error(int fd, uint32_t op_index, int err, const char *detail)
{
    unsigned char b[12 + sizeof st.detail];
    size_t n = strnlen(detail, sizeof st.detail);
    put32(b, op_index);
    put32(b + 4, (uint32_t)err);
    put32(b + 8, (uint32_t)n);
    memcpy(b + 12, detail, n);
    return send_msg(fd, MSG_ERROR, b, (uint32_t)(12 + n));
}

int send_fd(int fd, uint32_t tag, int passfd)
{
    unsigned char hdr[8], body[4];
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
    put32(hdr, MSG_FD);
    put32(hdr + 4, 4);
    put32(body, tag);
    return send_all(fd, hdr, body, 4, &mh);
}
