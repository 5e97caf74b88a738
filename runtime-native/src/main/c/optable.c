/* The dispatch table, one row per op of the op table (OpCode.java in runtime-core, generated into
 * ops.h as OP_TABLE), and the check every plan passes before its first op runs
 * (docs/plan-protocol.md, "Encoding"). */
#include "jrunc_init.h"

#include <errno.h>
#include <string.h>

struct op_def {
    const char *name;
    const char *sig; /* argument kinds: i INT, s STR, v STRV, b BYTES */
    op_fn fn;
};

#define OP_DEF(code, name, sig, fn) [code] = { name, sig, fn },
static const struct op_def op_defs[OP_MAX + 1] = { OP_TABLE(OP_DEF) };

int check_plan(const struct plan *plan, uint32_t *bad)
{
    static const char kinds[] = { 0, 'i', 's', 'v', 'b' };
    for (uint32_t i = 0; i < plan->count; i++) {
        const struct op *op = &plan->ops[i];
        char num[21];
        *bad = i;
        if (op->code > OP_MAX || !op_defs[op->code].fn)
            return fail_errno(EINVAL, "plan: unknown opcode", utoa(num, op->code));
        const char *sig = op_defs[op->code].sig;
        int ok = strlen(sig) == op->argc;
        for (uint32_t j = 0; ok && j < op->argc; j++)
            ok = kinds[op->args[j].kind] == sig[j];
        if (!ok)
            return fail_errno(EINVAL, "plan: bad arguments for", op_defs[op->code].name);
    }
    return 0;
}

op_fn op_handler(uint32_t code)
{
    return op_defs[code].fn;
}

const char *op_name(uint32_t code)
{
    return op_defs[code].name;
}
