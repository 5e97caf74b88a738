/*
 * Wire format of docs/plan-protocol.md: the decoded plan and the messages the helper sends
 * (the framing is c-common/framing.h, shared with the front end).
 */
#ifndef JRUNC_PROTOCOL_H
#define JRUNC_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#include "framing.h"

enum msg_type {
    MSG_PLAN = 1,
    MSG_ACK = 2,
    MSG_ABORT = 3,
    MSG_PID = 101,
    MSG_SYNC = 102,
    MSG_READY = 103,
    MSG_ERROR = 104,
    MSG_FD = 105
};

#define PLAN_MAGIC 0x4C50524Au /* "JRPL" */
#define PLAN_VERSION 1u
#define PLAN_MAX_BODY (64u << 20)
#define NO_OP_INDEX 0xFFFFFFFFu /* ERROR about the plan as a whole, not one op */
#define FD_TAG_CONSOLE 1u

enum arg_kind { ARG_INT = 1, ARG_STR = 2, ARG_STRV = 3, ARG_BYTES = 4 };

/* One decoded argument. Strings and bytes point into the plan buffer. */
struct arg {
    uint32_t kind;
    uint32_t len; /* STR: strlen; STRV: element count; BYTES: byte count */
    union {
        int64_t i;
        const char *s;           /* NUL-terminated, no NUL inside */
        const unsigned char *b;  /* unaligned */
        char *const *v;          /* len strings, then NULL */
    };
};

struct op {
    uint32_t code;
    uint32_t argc;
    const struct arg *args;
};

struct plan {
    uint32_t count;
    struct op *ops;
};

/* Reads the PLAN message and decodes it. -1 with errno and st.detail on failure; *bad_op is the
 * index of the op that failed to decode, or NO_OP_INDEX. Exits 1 on ABORT or EOF. */
int plan_read(int fd, struct plan *plan, uint32_t *bad_op);

int send_error(int fd, uint32_t op_index, int err, const char *detail);
int send_fd(int fd, uint32_t tag, int passfd);

#endif
