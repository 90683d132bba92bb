/* span.h -- (offset, length) views into a text buffer, and a growable array of them.
 *
 * Sentences and tokens are spans: they point into the text they were cut
 * from and are never copied, so their lifetime is that text's. */
#ifndef KB_SPAN_H
#define KB_SPAN_H

#include <stddef.h>

struct span {
    size_t off;     /* bytes from the start of the text */
    size_t len;     /* bytes */
    unsigned flags; /* module-specific kind bits (SENT_*, TOK_*) */
};

struct spans {
    struct span *v; /* owned */
    size_t n;       /* spans in use */
    size_t cap;     /* spans allocated */
};

#define SPANS_INIT {NULL, 0, 0}

void spans_init(struct spans *s);
void spans_release(struct spans *s);
void spans_reset(struct spans *s);
void spans_push(struct spans *s, size_t off, size_t len, unsigned flags);

#endif
