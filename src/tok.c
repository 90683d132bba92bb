/* tok.c -- split text into word and number tokens, and fold tokens for matching.
 *
 * Owns: nothing beyond the call; tokens are spans into the caller's text.
 *
 * Tokenizer. One left-to-right pass over code points (utf8proc_iterate);
 * each code point gets a class from its Unicode category:
 *   LETTER  L* and Nl           DIGIT  Nd            MARK  M* (continues only)
 *   HYPHEN  - U+2010 U+2011     APOS   ' U+2019      INNER soft hyphen, ZWNJ, ZWJ
 *   NUMSEP  . ,                 SEP    everything else, and every invalid byte
 * A token starts at a LETTER or DIGIT and runs over LETTER/DIGIT/MARK. A
 * HYPHEN, APOS or INNER joins when the code points on both sides are
 * letters or digits (buku-buku, Jong-un, KN-23, don't, Jum'at), except that
 * a hyphen between two digits of a letterless token splits it, because
 * "8-13 Oktober" and "skor 2-1" are ranges and scores, two numbers each.
 * A NUMSEP joins only digit to digit (2.000.000, 1,5, 10.20); a trailing
 * '.' or ',' ends the token, since it is the sentence's punctuation. When
 * a token that already holds letters meets such a separator (Rp2.000), the
 * letters are cut off as their own word and the digits restart as a
 * number, so the amount is found whether or not the writer put a space
 * after "Rp". Tokens with a letter are TOK_WORD, the rest TOK_NUM.
 *
 * Cost: every byte is decoded at most twice (the one-code-point look-ahead
 * after a joiner, and the restart after a Rp2.000-style cut), so the pass
 * is linear; nothing is allocated except the caller's span array.
 *
 * Folding. ASCII tokens (most of Indonesian text) are lower-cased byte by
 * byte, which is exactly what NFKC + case folding does to ASCII. Others go
 * through utf8proc_map with STABLE|COMPAT|CASEFOLD|STRIPMARK|COMPOSE (NFKC,
 * full case folding, accents removed: Café -> cafe, ＵＳ -> us) plus IGNORE
 * (soft hyphens and zero-width joiners from web pages vanish) and LUMP
 * (U+2019 -> ', U+2010 -> -), so that typographic variants of one word
 * meet. Invalid UTF-8 makes utf8proc refuse the whole string, so such
 * input is first rewritten with U+FFFD for each bad byte. */
#include "tok.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>


enum cls {
    C_SEP = 0,
    C_LETTER,
    C_DIGIT,
    C_MARK,
    C_HYPHEN,
    C_APOS,
    C_INNER,
    C_NUMSEP
};

/* Decode the code point at s[i] (i < len): sets *cls and returns its byte
 * length (>= 1). An invalid byte is a one-byte separator. */
static size_t decode(const char *s, size_t len, size_t i, enum cls *cls)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s + i;
    unsigned char c = (unsigned char)s[i];
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;
    size_t avail = len - i;

    if (c < 0x80) { /* ASCII without a table look-up: most of the text */
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') *cls = C_LETTER;
        else if (c >= '0' && c <= '9') *cls = C_DIGIT;
        else if (c == '-') *cls = C_HYPHEN;
        else if (c == '\'') *cls = C_APOS;
        else if (c == '.' || c == ',') *cls = C_NUMSEP;
        else *cls = C_SEP;
        return 1;
    }
    n = utf8proc_iterate(p, (utf8proc_ssize_t)(avail < 4 ? avail : 4), &cp);
    if (n <= 0) {
        *cls = C_SEP;
        return 1;
    }
    switch (cp) {
    case 0x2010: case 0x2011: *cls = C_HYPHEN; return (size_t)n;
    case 0x2019: *cls = C_APOS; return (size_t)n;
    case 0x00AD: case 0x200C: case 0x200D: *cls = C_INNER; return (size_t)n;
    default: break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
        *cls = C_LETTER;
        break;
    case UTF8PROC_CATEGORY_ND:
        *cls = C_DIGIT;
        break;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        *cls = C_MARK;
        break;
    default:
        *cls = C_SEP;
        break;
    }
    return (size_t)n;
}

static int is_alnum(enum cls c)
{
    return c == C_LETTER || c == C_DIGIT;
}

int tok_next(const char *s, size_t len, size_t *pos, struct span *tok)
{
    size_t i = *pos, start, j, n;
    enum cls c, prev;
    int has_letter = 0;
    size_t alnum_end;      /* end of the last letter/digit/mark so far */
    size_t run_start = 0;  /* first byte of the current digit run */
    size_t run_prefix = 0; /* alnum_end just before that run began */

    if (!s) return 0;
    /* skip to a token start */
    for (;;) {
        if (i >= len) {
            *pos = len;
            return 0;
        }
        n = decode(s, len, i, &c);
        if (is_alnum(c)) break;
        i += n;
    }
    start = i;
    prev = C_SEP;
    alnum_end = start;
    j = i;
    while (j < len) {
        n = decode(s, len, j, &c);
        if (c == C_LETTER || c == C_DIGIT || (c == C_MARK && prev != C_SEP)) {
            if (c == C_LETTER) has_letter = 1;
            if (c == C_DIGIT && prev != C_DIGIT && prev != C_NUMSEP) {
                run_start = j;
                run_prefix = alnum_end;
            }
            prev = c;
            j += n;
            alnum_end = j;
            continue;
        }
        if ((c == C_HYPHEN || c == C_APOS || c == C_INNER || c == C_NUMSEP) &&
            (prev == C_LETTER || prev == C_DIGIT || prev == C_MARK) && j + n < len) {
            enum cls next;
            (void)decode(s, len, j + n, &next);
            if (c == C_NUMSEP) {
                if (prev != C_DIGIT || next != C_DIGIT) break;
                if (has_letter) {
                    /* Rp2.000: emit the letters, restart at the digits */
                    tok->off = start;
                    tok->len = run_prefix - start;
                    tok->flags = TOK_WORD;
                    *pos = run_start;
                    return 1;
                }
            } else {
                if (!is_alnum(next)) break;
                if (c == C_HYPHEN && prev == C_DIGIT && next == C_DIGIT && !has_letter) break;
            }
            prev = c;
            j += n;
            continue;
        }
        break;
    }
    tok->off = start;
    tok->len = alnum_end - start;
    tok->flags = has_letter ? TOK_WORD : TOK_NUM;
    *pos = alnum_end;
    return 1;
}

void tok_split(const char *s, size_t len, struct spans *out)
{
    size_t pos = 0;
    struct span t;

    while (tok_next(s, len, &pos, &t)) spans_push(out, t.off, t.len, t.flags);
}

/* Copy s[0..len) into out with every invalid UTF-8 byte replaced by U+FFFD. */
static int sanitize(const char *s, size_t len, struct buf *out)
{
    static const char repl[] = "\xEF\xBF\xBD";
    size_t i = 0, good = 0;
    int rc = 0;

    while (i < len && rc == 0) {
        utf8proc_int32_t cp;
        size_t avail = len - i;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(avail < 4 ? avail : 4), &cp);
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        rc = buf_append(out, s + good, i - good);
        if (rc == 0) rc = buf_append(out, repl, 3);
        i++;
        good = i;
    }
    if (rc == 0) rc = buf_append(out, s + good, len - good);
    return rc;
}

int tok_fold(const char *s, size_t len, struct buf *out)
{
    size_t i;
    int rc;
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n;
    struct buf tmp = BUF_INIT;
    const char *src = s;
    size_t src_len = len;
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                  UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE | UTF8PROC_IGNORE |
                                  UTF8PROC_LUMP;

    buf_reset(out);
    if (len == 0) return buf_append(out, "", 0);
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) break;
    if (i == len) {
        rc = buf_append(out, s, len);
        if (rc) return rc;
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)out->ptr[i];
            if (c >= 'A' && c <= 'Z') out->ptr[i] = (char)(c | 0x20);
        }
        return 0;
    }
    /* utf8proc works on ssize_t lengths and needs up to 4 bytes per code
     * point of expansion room; refuse what it could not represent. */
    if (len > (size_t)PTRDIFF_MAX / 32) return KB_ETOOBIG;
    n = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)src_len, &dst, opt);
    if (n == UTF8PROC_ERROR_INVALIDUTF8) {
        rc = sanitize(s, len, &tmp);
        if (rc) {
            buf_release(&tmp);
            return rc;
        }
        src = tmp.ptr;
        src_len = tmp.len;
        n = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)src_len, &dst, opt);
    }
    buf_release(&tmp);
    if (n < 0) {
        /* Only NOMEM/OVERFLOW remain possible on valid input: both are
         * "too big" from the caller's point of view. */
        free(dst);
        return KB_ETOOBIG;
    }
    rc = buf_append(out, (const char *)dst, (size_t)n);
    free(dst);
    return rc;
}
