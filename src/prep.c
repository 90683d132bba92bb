/* prep.c -- from an article as read to an article ready to store or cluster.
 *
 * Owns: the per-run boilerplate learner (clean_ctx), the Indonesian
 * stemmer, and the language identifier (NULL when not asked for with
 * PREP_LANG or when libexttextcat's models are missing: articles then keep
 * whatever language they declared). A worker context (prep_worker) owns
 * its stemmer and language identifier and borrows its parent's learner,
 * so one batch can be prepared on several threads.
 *
 * prep_article, for one article:
 *   1. clean_text against what has been learned (clean.h: patterns,
 *      captions, datelines, and lines repeated across the site's distinct
 *      articles -- repetition alone never empties an article);
 *   2. refuse when no visible character is left, or when the text is too
 *      large for the cleaner: d->why names the reason, the one reject path
 *      both callers report;
 *   3. title from the cleaned text when the input had none (clean_title),
 *      language when the input declared none (lang_detect on the cleaned
 *      text, so page junk does not vote);
 *   4. content hash of the cleaned text (dedup_hash), day of publication.
 * prep_terms is cluster_doc_terms, with over-long terms dropped, sorted and
 * merged into (term, count) pairs: the one document representation that
 * `ingest` stores and `summarize` clusters, so both group articles alike. */
#include "prep.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "lang.h"
#include "mem.h"
#include "stem.h"

struct prep {
    struct clean_ctx *clean; /* owned, or borrowed from the parent when is_worker */
    struct stemmer *stem;    /* owned */
    struct lang_ctx *lang;   /* owned; NULL when the language models are missing */
    int is_worker;           /* 1: made by prep_worker, clean is the parent's (read-only) */
};

void prep_doc_init(struct prep_doc *d)
{
    memset(d, 0, sizeof *d);
    buf_init(&d->text, 0);
    d->day = CLUSTER_NO_DAY;
}

void prep_doc_release(struct prep_doc *d)
{
    buf_release(&d->text);
    prep_doc_init(d);
}

void prep_terms_init(struct prep_terms *t)
{
    memset(t, 0, sizeof *t);
    buf_init(&t->arena, 0);
    buf_init(&t->raw, 0);
}

void prep_terms_release(struct prep_terms *t)
{
    free(t->v);
    buf_release(&t->arena);
    buf_release(&t->raw);
    prep_terms_init(t);
}

struct prep *prep_new(unsigned flags, struct kb_err *err)
{
    struct prep *p = kb_calloc(1, sizeof *p);

    p->clean = clean_new();
    p->stem = stem_new(KB_LANG_ID);
    if (!p->stem) {
        kb_err_set(err, KB_EIO, "no Indonesian stemmer available");
        prep_free(p);
        return NULL;
    }
    /* without the models articles are simply left without a detected
     * language: not a reason to refuse to run */
    if (flags & PREP_LANG) p->lang = lang_new(NULL);
    return p;
}

/* Worker contexts exist so that several threads can prepare the articles
 * of one batch: clean_text only reads the learner (clean.h), the stemmer
 * keeps a word cache and the language identifier scratch state, so those
 * two are per thread. Both are deterministic functions of their input, so
 * which worker prepares an article never changes the result. */
struct prep *prep_worker(struct prep *p, struct kb_err *err)
{
    struct prep *w = kb_calloc(1, sizeof *w);

    w->is_worker = 1;
    w->clean = p->clean;
    w->stem = stem_new(KB_LANG_ID);
    if (!w->stem) {
        kb_err_set(err, KB_EIO, "no Indonesian stemmer available");
        prep_free(w);
        return NULL;
    }
    /* a worker without the models its parent has would label articles
     * differently depending on the thread: refuse instead */
    if (p->lang && !(w->lang = lang_new(err))) {
        prep_free(w);
        return NULL;
    }
    return w;
}

void prep_free(struct prep *p)
{
    if (!p) return;
    if (!p->is_worker) clean_free(p->clean);
    stem_free(p->stem);
    lang_free(p->lang);
    free(p);
}

struct stemmer *prep_stemmer(struct prep *p)
{
    return p->stem;
}

/* 1 when s[0..len) holds a byte other than blanks and control characters. */
static int has_ink(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] > 0x20 && s[i] != 0x7f) return 1;
    return 0;
}

void prep_learn(struct prep *p, const struct article *a)
{
    if (p->is_worker) return; /* the learner is shared read-only */
    if (a && a->text && has_ink(a->text, a->text_len))
        clean_learn(p->clean, a->site, a->text, a->text_len);
}

static int refuse(const struct article *a, struct prep_doc *d, const char *why,
                  struct kb_err *err)
{
    const char *origin = a->origin ? a->origin : a->url ? a->url : "(input)";
    d->why = why;
    d->hash[0] = '\0';
    return kb_err_set(err, KB_EPARSE, "%s: %s", origin, why);
}

int prep_article(struct prep *p, struct article *a, struct prep_doc *d, struct kb_err *err)
{
    int64_t day;

    buf_reset(&d->text);
    d->why = NULL;
    d->hash[0] = '\0';
    d->day = CLUSTER_NO_DAY;
    memset(&d->stats, 0, sizeof d->stats);
    if (!a->text) return refuse(a, d, PREP_WHY_EMPTY, err);
    if (clean_text(p->clean, a->site, a->text, a->text_len, &d->text, &d->stats))
        return refuse(a, d, PREP_WHY_TOO_BIG, err);
    /* clean_text drops control bytes, so ink here means a visible character */
    if (!has_ink(d->text.ptr, d->text.len)) return refuse(a, d, PREP_WHY_EMPTY, err);

    if (!a->title || !*a->title) {
        free(a->title);
        a->title = clean_title(d->text.ptr, d->text.len);
    }
    if ((!a->lang || !*a->lang) && p->lang) {
        char code[LANG_CODE_MAX];
        if (lang_detect(p->lang, d->text.ptr, d->text.len, code, NULL) == 0 &&
            strcmp(code, "und") != 0)
            article_set(&a->lang, code, strlen(code));
    }
    dedup_hash(d->text.ptr, d->text.len, d->hash);
    if (a->published && date_days(a->published, &day) == 0) d->day = day;
    return 0;
}

/* --- terms ------------------------------------------------------------------- */

static int collect(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct buf *raw = ctx;
    if (len == 0 || len > PREP_MAX_TERM) return 0;
    /* one occurrence is [len byte][bytes]; len <= PREP_MAX_TERM fits a byte */
    if (buf_putc(raw, (char)len) || buf_append(raw, term, len)) return KB_ETOOBIG;
    return 0;
}

struct word {
    const char *p; /* borrowed from prep_terms.raw */
    size_t len;    /* bytes */
};

static int cmp_word(const void *x, const void *y)
{
    const struct word *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->p, b->p, n);
    if (c) return c;
    return (a->len > b->len) - (a->len < b->len);
}

int prep_terms(struct prep *p, const char *title, const char *text, size_t len,
               struct prep_terms *t)
{
    struct word *w;
    size_t n_w = 0, i, pos, *offs;
    int rc;

    t->n = 0;
    buf_reset(&t->arena);
    buf_reset(&t->raw);
    rc = cluster_doc_terms(p->stem, title, text ? text : "", text ? len : 0, collect, &t->raw);
    if (rc) return KB_ETOOBIG;
    for (pos = 0; pos < t->raw.len; pos += 1 + (unsigned char)t->raw.ptr[pos]) n_w++;
    w = kb_malloc((n_w ? n_w : 1) * sizeof *w);
    for (pos = 0, i = 0; pos < t->raw.len; pos += 1 + (unsigned char)t->raw.ptr[pos], i++) {
        w[i].p = t->raw.ptr + pos + 1;
        w[i].len = (unsigned char)t->raw.ptr[pos];
    }
    if (n_w) qsort(w, n_w, sizeof *w, cmp_word);
    /* the arena may move while it grows: keep offsets, point into it after */
    offs = kb_malloc((n_w ? n_w : 1) * sizeof *offs);
    for (i = 0; i < n_w && rc == 0;) {
        size_t j = i + 1;
        while (j < n_w && cmp_word(&w[i], &w[j]) == 0) j++;
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 256;
            t->v = kb_realloc(t->v, t->cap * sizeof *t->v);
        }
        offs[t->n] = t->arena.len;
        t->v[t->n].len = w[i].len;
        t->v[t->n].count = (uint32_t)(j - i);
        rc = buf_append(&t->arena, w[i].p, w[i].len);
        t->n++;
        i = j;
    }
    for (i = 0; i < t->n; i++) t->v[i].term = t->arena.ptr + offs[i];
    free(offs);
    free(w);
    if (rc) t->n = 0;
    return rc;
}
