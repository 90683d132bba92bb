/* mem.h -- allocation that never returns NULL.
 *
 * kabar aborts with a message on out-of-memory, as redis's zmalloc and jq's
 * jv_mem_alloc do: every caller would otherwise need an untestable recovery
 * path. Sizes that come from input must pass an explicit limit first (see
 * buf.h), so a hostile input yields KB_ETOOBIG, not an abort. */
#ifndef KB_MEM_H
#define KB_MEM_H

#include <stddef.h>

void *kb_malloc(size_t n);
void *kb_calloc(size_t count, size_t size);
void *kb_realloc(void *p, size_t n);
/* Copy of s[0..len) plus a NUL; free with free(). */
char *kb_strndup(const char *s, size_t len);
/* Copy of a NUL-terminated string, or NULL when s is NULL; free with free(). */
char *kb_strdup(const char *s);

#endif
