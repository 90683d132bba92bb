/* terms.h -- text to index terms: tokenize, fold, drop stopwords, stem.
 *
 * The single definition of "term" shared by the FTS5 tokenizer, clustering
 * and summaries, so that a query and a document always agree. */
#ifndef KB_TERMS_H
#define KB_TERMS_H

#include <stddef.h>

#include "stem.h"

enum {
    TERMS_KEEP_STOP = 1u << 0, /* also emit stopwords (stemmed) */
    TERMS_NO_NUM = 1u << 1     /* skip number tokens */
};

/* Called per term: term[0..len) is folded and stemmed (valid only during the
 * call); off/tok_len locate the source token in the text. Non-zero stops. */
typedef int (*terms_fn)(void *ctx, const char *term, size_t len, size_t off, size_t tok_len);

/* Run fn over the terms of s[0..len). Returns 0, or fn's non-zero value. */
int terms_each(struct stemmer *st, const char *s, size_t len, unsigned flags, terms_fn fn, void *ctx);

#endif
