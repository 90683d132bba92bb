/* tok.h -- Unicode-aware word tokenizer (utf8proc).
 *
 * Tokens are spans into the original text. Words are runs of letters, marks
 * and digits, with inner hyphens (buku-buku, Kim Jong-un) and apostrophes;
 * numbers keep their separators (2.000.000, 1,5, 10.20). Invalid UTF-8 bytes
 * are treated as separators, never a crash. */
#ifndef KB_TOK_H
#define KB_TOK_H

#include <stddef.h>

#include "buf.h"
#include "span.h"

enum {
    TOK_WORD = 1u, /* contains a letter */
    TOK_NUM = 2u   /* digits and separators only */
};

/* Append the word and number tokens of s[0..len) to out (flags = TOK_*). */
void tok_split(const char *s, size_t len, struct spans *out);

/* Fold one token for matching: NFKC, case fold, strip diacritics. The result
 * replaces out's content. Returns 0 or KB_ETOOBIG. */
int tok_fold(const char *s, size_t len, struct buf *out) KB_MUST_CHECK;

#endif
