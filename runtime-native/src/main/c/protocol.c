/* Plan decoding and the helper's own messages (docs/plan-protocol.md, "Encoding"); the framing
 * itself is shared with the front end (c-common/framing.c). */
#include "jrunc_init.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

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
    unsigned char body[4];
    put32(body, tag);
    return send_msg_fd(fd, MSG_FD, body, 4, passfd);
}
