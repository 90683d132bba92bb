/* terms.c -- text to index terms: the one definition of "term" in kabar.
 *
 * Owns: nothing beyond the call (one fold buffer, released on return).
 *
 * Pipeline per token: tok_next (streaming, so a 10 MB text needs no span
 * array) -> length cap (TERMS_MAX_TOKEN) -> tok_fold -> for words: skip
 * one-character words (initials, stray letters of glued text), skip
 * stopwords unless TERMS_KEEP_STOP, then stem_word; for numbers: skip when
 * TERMS_NO_NUM, else emit folded (NFKC turns full-width digits into ASCII)
 * and never stemmed. The stopword test looks at the folded surface form,
 * before stemming, because the list holds surface words ("adalah", not a
 * stem of it).
 *
 * The FTS5 tokenizer runs this with TERMS_KEEP_STOP over both documents and
 * queries, so phrase queries keep their positions; clustering and summaries
 * run it without, so function words add no similarity. Since both sides of
 * every comparison go through this function, they always agree.
 *
 * Allocation: the fold buffer grows to the longest token once per call; ASCII
 * tokens then fold without allocating, and the stemmer's cache answers
 * repeated words without allocating. Only non-ASCII tokens pay utf8proc's
 * own allocation (see tok.c). */
#include "terms.h"

#include "buf.h"
#include "stopwords.h"
#include "tok.h"

/* Code points in s[0..len), counting bytes that do not continue a sequence. */
static size_t n_chars(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

int terms_each(struct stemmer *st, const char *s, size_t len, unsigned flags, terms_fn fn, void *ctx)
{
    struct buf fold;
    struct span t;
    size_t pos = 0;
    int rc = 0;

    if (!s || !fn) return 0;
    buf_init(&fold, 0);
    while (rc == 0 && tok_next(s, len, &pos, &t)) {
        const char *term;
        size_t term_len;

        if ((t.flags & TOK_NUM) && (flags & TERMS_NO_NUM)) continue;
        if (t.len > TERMS_MAX_TOKEN) continue;
        if (tok_fold(s + t.off, t.len, &fold) != 0 || fold.len == 0) continue;
        if (t.flags & TOK_WORD) {
            if (n_chars(fold.ptr, fold.len) < 2) continue;
            if (!(flags & TERMS_KEEP_STOP) && stopword_is(fold.ptr, fold.len)) continue;
            if (st) {
                term = stem_word(st, fold.ptr, fold.len, &term_len);
            } else {
                term = fold.ptr;
                term_len = fold.len;
            }
        } else {
            term = fold.ptr;
            term_len = fold.len;
        }
        if (term_len == 0) continue;
        rc = fn(ctx, term, term_len, t.off, t.len);
    }
    buf_release(&fold);
    return rc;
}
