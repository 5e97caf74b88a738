/*
 * jrunc-init --decode <fd>: a test mode, entered only by that explicit argument. It reads one PLAN
 * message from <fd>, decodes and checks it exactly as a run would (plan_read, check_plan), and
 * prints each op as the helper understood it, one line each, on stdout:
 *
 *     MOUNT "tmpfs" "/dev" "tmpfs" 16777222 "mode=755" 1
 *
 * INT as a signed decimal, STR as "..." (backslash, quote and bytes outside printable ASCII as \\,
 * \" and \xHH), STRV as ["a","b"], BYTES as x followed by their hex ("x" alone when empty).
 * It runs no op handler and changes nothing: it only reads the fd and writes stdout. A plan the
 * helper would refuse is refused the same way (detail and errno on stderr, exit 1). PlanDecodeTest
 * sends it every op Java can encode and compares the lines with what Java meant.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <unistd.h>

static char out[4096];
static size_t used;
static int write_failed;

static void flush(void)
{
    for (size_t off = 0; off < used && !write_failed;) {
        ssize_t w = write(1, out + off, used - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            write_failed = 1;
        else
            off += (size_t)w;
    }
    used = 0;
}

static void put(char c)
{
    if (used == sizeof out)
        flush();
    out[used++] = c;
}

static void puts_raw(const char *s)
{
    while (*s)
        put(*s++);
}

static void put_hex(unsigned char b)
{
    static const char hex[] = "0123456789abcdef";
    put(hex[b >> 4]);
    put(hex[b & 15]);
}

static void put_int(int64_t v)
{
    char num[21];
    if (v < 0)
        put('-');
    /* the magnitude as unsigned, so INT64_MIN is printed too */
    puts_raw(utoa(num, v < 0 ? (unsigned long)-(uint64_t)v : (unsigned long)v));
}

static void put_str(const char *s)
{
    put('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            put('\\');
            put((char)*p);
        } else if (*p < 0x20 || *p >= 0x7f) {
            puts_raw("\\x");
            put_hex(*p);
        } else {
            put((char)*p);
        }
    }
    put('"');
}

static void put_arg(const struct arg *a)
{
    switch (a->kind) {
    case ARG_INT:
        put_int(a->i);
        break;
    case ARG_STR:
        put_str(a->s);
        break;
    case ARG_STRV:
        put('[');
        for (uint32_t i = 0; i < a->len; i++) {
            if (i)
                put(',');
            put_str(a->v[i]);
        }
        put(']');
        break;
    case ARG_BYTES:
        put('x');
        for (uint32_t i = 0; i < a->len; i++)
            put_hex(a->b[i]);
        break;
    }
}

int decode_plan(int fd)
{
    if (fd < 0) {
        print_error("usage: jrunc-init --decode <fd>", EINVAL);
        return 1;
    }
    struct plan plan;
    uint32_t bad;
    if (plan_read(fd, &plan, &bad) < 0 || check_plan(&plan, &bad) < 0) {
        print_error(st.detail, errno);
        return 1;
    }
    for (uint32_t i = 0; i < plan.count; i++) {
        const struct op *op = &plan.ops[i];
        puts_raw(op_name(op->code));
        for (uint32_t j = 0; j < op->argc; j++) {
            put(' ');
            put_arg(&op->args[j]);
        }
        put('\n');
    }
    flush();
    return write_failed ? 1 : 0;
}
