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

/* Tokens longer than this (bytes) are not terms: in news text they are
 * base64, hashes or glued junk, never a word someone searches for. */
#define TERMS_MAX_TOKEN 128

/* Called per term: term[0..len) is folded and stemmed (valid only during the
 * call); off/tok_len locate the source token in the text. Non-zero stops. */
typedef int (*terms_fn)(void *ctx, const char *term, size_t len, size_t off, size_t tok_len);

/* Run fn over the terms of s[0..len). Returns 0, or fn's non-zero value.
 * Terms: tok_split tokens, folded (tok_fold); words of one character are
 * skipped; stopwords are skipped unless TERMS_KEEP_STOP; numbers are kept
 * as folded (2.000.000 stays "2.000.000") unless TERMS_NO_NUM; words are
 * stemmed with st (st == NULL: emitted folded, unstemmed). Streams over the
 * text with a fixed amount of memory, whatever len is. */
int terms_each(struct stemmer *st, const char *s, size_t len, unsigned flags, terms_fn fn, void *ctx);

#endif
