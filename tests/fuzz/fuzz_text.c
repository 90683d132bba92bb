/* fuzz_text.c -- libFuzzer target for the text stages: cleaner, sentence
 * splitter, tokenizer, folding and terms, on arbitrary bytes. Any crash,
 * over-read or sanitizer report is a bug. Spans must stay inside the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "clean.h"
#include "sent.h"
#include "stem.h"
#include "terms.h"
#include "tok.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_term(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    size_t *n = ctx;
    (void)term;
    (void)len;
    (void)off;
    (void)tok_len;
    (*n)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct stemmer *st;
    const char *s = (const char *)data;
    struct spans sp = SPANS_INIT;
    struct buf out = BUF_INIT, fold = BUF_INIT;
    size_t i, n = 0;

    if (!st) st = stem_new(KB_LANG_ID);
    sent_split(s, size, &sp);
    for (i = 0; i < sp.n; i++)
        if (sp.v[i].off + sp.v[i].len > size || sp.v[i].len == 0) abort();
    spans_reset(&sp);
    tok_split(s, size, &sp);
    for (i = 0; i < sp.n; i++) {
        if (sp.v[i].off + sp.v[i].len > size || sp.v[i].len == 0) abort();
        if (tok_fold(s + sp.v[i].off, sp.v[i].len, &fold) == 0 && st) {
            size_t slen;
            (void)stem_word(st, fold.ptr ? fold.ptr : "", fold.len, &slen);
        }
    }
    if (clean_text(NULL, NULL, s, size, &out, NULL) == 0) {
        spans_reset(&sp);
        sent_split(buf_cstr(&out), out.len, &sp);
    }
    if (st) terms_each(st, s, size, 0, count_term, &n);
    spans_release(&sp);
    buf_release(&out);
    buf_release(&fold);
    return 0;
}
