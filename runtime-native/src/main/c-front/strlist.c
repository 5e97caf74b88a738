/* The wire's "string list": strings each ended by a NUL (docs/planner-protocol.md, "Framing"). */
#include "frontend.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int strlist_add(struct strlist *l, const char *s)
{
    size_t n = strlen(s) + 1;
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap : 1024;
        while (cap < l->len + n)
            cap *= 2;
        char *b = realloc(l->buf, cap);
        if (!b)
            return -1;
        l->buf = b;
        l->cap = cap;
    }
    memcpy(l->buf + l->len, s, n);
    l->len += n;
    return 0;
}

void strlist_free(struct strlist *l)
{
    free(l->buf);
    l->buf = NULL;
    l->len = l->cap = 0;
}

char **strlist_split(char *body, size_t len, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (body[i] == 0)
            n++;
    char **v = malloc((n + 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0, from = 0;
    for (size_t i = 0; i < len; i++)
        if (body[i] == 0) {
            v[k++] = body + from;
            from = i + 1;
        }
    /* Bytes after the last NUL are not a string: the planner never sends them. */
    v[k] = NULL;
    *count = k;
    return v;
}
