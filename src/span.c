/* span.c -- growable array of text spans. */
#include "span.h"

#include <stdlib.h>

#include "mem.h"

void spans_init(struct spans *s)
{
    s->v = NULL;
    s->n = s->cap = 0;
}

void spans_release(struct spans *s)
{
    free(s->v);
    spans_init(s);
}

void spans_reset(struct spans *s)
{
    s->n = 0;
}

void spans_push(struct spans *s, size_t off, size_t len, unsigned flags)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = kb_realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n].off = off;
    s->v[s->n].len = len;
    s->v[s->n].flags = flags;
    s->n++;
}
