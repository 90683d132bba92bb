/* mem.c -- aborting allocators (see mem.h for why). */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "kabar: out of memory allocating %zu bytes\n", n);
    abort();
}

void *kb_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *kb_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) oom(count * size);
    return p;
}

void *kb_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *kb_strndup(const char *s, size_t len)
{
    char *p = kb_malloc(len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *kb_strdup(const char *s)
{
    return s ? kb_strndup(s, strlen(s)) : NULL;
}
