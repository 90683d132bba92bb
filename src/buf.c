/* buf.c -- growable, optionally capped byte buffer. Growth doubles capacity,
 * so n appends cost O(n) amortised. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void buf_init(struct buf *b, size_t max)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void buf_release(struct buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->ptr) b->ptr[0] = '\0';
}

static int grow(struct buf *b, size_t extra)
{
    size_t need;
    if (extra > (size_t)-1 - b->len - 1) return KB_ETOOBIG;
    need = b->len + extra + 1;
    if (b->max && b->len + extra > b->max) return KB_ETOOBIG;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < need) cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
        b->ptr = kb_realloc(b->ptr, cap);
        b->cap = cap;
    }
    return 0;
}

int buf_append(struct buf *b, const char *s, size_t len)
{
    int rc = grow(b, len);
    if (rc) return rc;
    if (len) memcpy(b->ptr + b->len, s, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;
    char small[256];

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return KB_EINVAL;
    if ((size_t)n < sizeof small) return buf_append(b, small, (size_t)n);
    rc = grow(b, (size_t)n);
    if (rc) return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

const char *buf_cstr(const struct buf *b)
{
    return b->ptr ? b->ptr : "";
}

char *buf_take(struct buf *b)
{
    char *p = b->ptr ? b->ptr : kb_strndup("", 0);
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_truncate(struct buf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        b->ptr[n] = '\0';
    }
}
