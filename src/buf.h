/* buf.h -- a growable byte buffer with an optional size cap (curl's dynbuf idea).
 *
 * Invariant: when ptr != NULL, ptr[len] == '\0', so the content can be used
 * as a C string as long as it holds no NUL of its own. A buffer initialised
 * with max > 0 refuses to grow past max bytes and returns KB_ETOOBIG; this is
 * how sizes that come from input are capped. */
#ifndef KB_BUF_H
#define KB_BUF_H

#include <stddef.h>

#include "err.h"

struct buf {
    char *ptr;  /* owned; NULL until the first append */
    size_t len; /* bytes used, excluding the terminating NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* largest allowed len, 0 for no limit */
};

#define BUF_INIT {NULL, 0, 0, 0}

void buf_init(struct buf *b, size_t max);
/* Free the storage; the buffer is then empty and may be reused. */
void buf_release(struct buf *b);
/* Empty the buffer, keeping its storage. */
void buf_reset(struct buf *b);
/* Append bytes. Returns 0 or KB_ETOOBIG (the buffer is unchanged then). */
int buf_append(struct buf *b, const char *s, size_t len) KB_MUST_CHECK;
int buf_puts(struct buf *b, const char *s) KB_MUST_CHECK;
int buf_putc(struct buf *b, char c) KB_MUST_CHECK;
int buf_printf(struct buf *b, const char *fmt, ...) KB_PRINTF(2, 3) KB_MUST_CHECK;
/* Content as a C string ("" when empty); valid until the next change. */
const char *buf_cstr(const struct buf *b);
/* Hand the storage to the caller (free with free()); the buffer becomes empty.
 * Never NULL: an empty buffer yields "". */
char *buf_take(struct buf *b);
/* Drop trailing bytes so that len becomes n (n <= len). */
void buf_truncate(struct buf *b, size_t n);

#endif
