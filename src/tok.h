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

/* Append the word and number tokens of s[0..len) to out (flags = TOK_*).
 * A trailing '.' or ',' is not part of a number; "US$540" gives the word
 * "US" and the number "540"; "Rp2.000" gives "Rp" and "2.000"; a hyphen
 * between two digits splits (8-13 is two numbers). Linear in len. */
void tok_split(const char *s, size_t len, struct spans *out);

/* Streaming form of tok_split, for callers that must not hold every span
 * of a large text: finds the first token starting at or after *pos, stores
 * it in *tok (off, len, flags as tok_split), moves *pos past it and returns
 * 1; returns 0 when no token is left. Start with *pos = 0. Calling it until
 * it returns 0 yields exactly tok_split's tokens, in linear total time. */
int tok_next(const char *s, size_t len, size_t *pos, struct span *tok);

/* Fold one token for matching: NFKC, case fold, strip diacritics. The result
 * replaces out's content. Returns 0 or KB_ETOOBIG. Also drops default-
 * ignorable characters (soft hyphen, zero-width joiners) and lumps look-alike
 * punctuation (U+2019 -> ', U+2010 -> -). Invalid UTF-8 bytes become U+FFFD. */
int tok_fold(const char *s, size_t len, struct buf *out) KB_MUST_CHECK;

#endif
