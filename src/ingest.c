/* ingest.c -- the write path: articles -> clean -> hash -> store -> cluster.
 *
 * Owns: the queue of articles not yet stored (a batch), the boilerplate
 * learner of this session (clean.h), a stemmer, a language identifier
 * (lang.h), and the running counts.
 *
 * Per batch, in one store transaction:
 *   1. clean_learn over every queued article, so lines repeated across one
 *      site's articles are known before any of them is cleaned;
 *   2. per article, in input order: a url already stored is a duplicate at
 *      the cost of one index lookup (reruns stay cheap); otherwise
 *      clean_text; reject when nothing is left;
 *      derive a title when the input had none, and the language when the
 *      input declared none; dedup_hash of the cleaned
 *      text; store_article_put. A new canonical article gets its term counts
 *      (terms.h, stopwords dropped) recorded with store_terms_put;
 *   3. the new canonical articles are clustered in date order (undated
 *      last): the clusterer is restored from the store for the batch's date
 *      range widened by the story window, then each article either joins a
 *      story or opens one (store_next_story_id); copies then join the story of
 *      their canonical article;
 *   4. commit. Counts are added to the session totals only after the commit,
 *      so a failed batch leaves them as they were.
 * A crash before the commit loses the batch and nothing else; since urls
 * are unique, a rerun stores each article exactly once. */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "cluster.h"
#include "date.h"
#include "dedup.h"
#include "lang.h"
#include "mem.h"
#include "stem.h"
#include "terms.h"

#define DEFAULT_BATCH 500
/* Longer "terms" are URLs, base64 or glued junk: they never help clustering
 * and would bloat term_df. Indonesian words stay far below this. */
#define MAX_TERM_LEN 64

struct term_ref {
    size_t off;     /* bytes into the batch's term arena */
    size_t len;     /* bytes */
    uint32_t count; /* occurrences in the article */
};

struct new_doc {
    int64_t id;     /* store id */
    int64_t day;    /* days since epoch, CLUSTER_NO_DAY when undated */
    size_t order;   /* input position, for a stable sort */
    size_t t_first; /* first entry in the batch's term_ref array */
    size_t t_n;     /* entries */
};

struct ingest {
    struct store *store;          /* borrowed; outlives the session */
    struct ingest_opts o;         /* batch size resolved */
    struct cluster_opts copts;    /* clustering parameters */
    struct article **q;           /* owned queue of articles */
    size_t n_q;
    size_t cap_q;
    struct clean_ctx *clean;      /* owned; learns across the session's batches */
    struct stemmer *stem;         /* owned */
    struct lang_ctx *lang;        /* owned; NULL when the language models are missing */
    struct ingest_counts counts;  /* committed batches only */
    /* per-batch scratch, reused */
    struct buf text;              /* cleaned text of the current article */
    struct buf arena;             /* term bytes of the batch's new documents */
    struct term_ref *refs;        /* owned; terms of the batch's new documents */
    size_t n_refs;
    size_t cap_refs;
    struct new_doc *docs;         /* owned; the batch's new canonical articles */
    size_t n_docs;
    size_t cap_docs;
    int64_t *copies;              /* owned; ids of the batch's copies */
    size_t n_copies;
    size_t cap_copies;
    struct buf words;             /* one article's raw terms, NUL-separated */
    size_t n_rejects;             /* rejections in the current call */
};

struct ingest *ingest_new(struct store *s, const struct ingest_opts *o, struct kb_err *err)
{
    struct ingest *in;

    if (!s) {
        kb_err_set(err, KB_EINVAL, "ingest: no store");
        return NULL;
    }
    in = kb_calloc(1, sizeof *in);
    in->store = s;
    if (o) in->o = *o;
    if (in->o.batch == 0) in->o.batch = DEFAULT_BATCH;
    if (o && o->cluster) in->copts = *o->cluster;
    else cluster_opts_default(&in->copts);
    in->o.cluster = NULL; /* copied: the caller's struct need not outlive us */
    in->clean = clean_new();
    in->stem = stem_new(KB_LANG_ID);
    /* without libexttextcat's models articles are simply stored without a
     * detected language: not a reason to refuse to ingest */
    in->lang = lang_new(NULL);
    buf_init(&in->text, 0);
    buf_init(&in->arena, 0);
    buf_init(&in->words, 0);
    if (!in->clean || !in->stem) {
        kb_err_set(err, KB_EIO, "ingest: %s unavailable", in->stem ? "cleaner" : "Indonesian stemmer");
        ingest_free(in);
        return NULL;
    }
    return in;
}

static void drop_queue(struct ingest *in)
{
    size_t i;
    for (i = 0; i < in->n_q; i++) article_free(in->q[i]);
    in->n_q = 0;
}

void ingest_free(struct ingest *in)
{
    if (!in) return;
    drop_queue(in);
    free(in->q);
    clean_free(in->clean);
    stem_free(in->stem);
    lang_free(in->lang);
    buf_release(&in->text);
    buf_release(&in->arena);
    buf_release(&in->words);
    free(in->refs);
    free(in->docs);
    free(in->copies);
    free(in);
}

void ingest_get_counts(const struct ingest *in, struct ingest_counts *c)
{
    *c = in->counts;
}

static const char *origin_of(const struct article *a)
{
    if (a->origin) return a->origin;
    if (a->url) return a->url;
    return "(input)";
}

/* A record ingest refuses: tell the caller's callback, remember the first
 * message in err, and go on. */
static void reject(struct ingest *in, const struct article *a, const char *why,
                   struct kb_err *err)
{
    if (in->o.reject) in->o.reject(in->o.ctx, origin_of(a), why);
    if (in->n_rejects == 0) kb_err_set(err, KB_EPARSE, "%s: %s", origin_of(a), why);
    in->n_rejects++;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* 1 when s[0..len) holds a byte other than blanks and control characters. */
static int has_ink(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] > 0x20 && s[i] != 0x7f) return 1;
    return 0;
}

/* --- terms of one article ------------------------------------------------------ */

struct word_ref {
    const char *p; /* borrowed from in->words */
    size_t len;
};

static int collect_term(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct buf *words = ctx;
    if (len == 0 || len > MAX_TERM_LEN) return 0;
    /* a term is [len byte][bytes]; len <= 64 fits */
    if (buf_putc(words, (char)len) || buf_append(words, term, len)) return -1;
    return 0;
}

static int cmp_word(const void *x, const void *y)
{
    const struct word_ref *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->p, b->p, n);
    if (c) return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* Count the terms of title (may be NULL) and text into the batch arena
 * (sorted, one entry per distinct term) and record them in the store for
 * article id. The terms are cluster_doc_terms' (words of title and text,
 * numbers left out, plus entity terms): the same document representation
 * corpus.c clusters with, so `summarize` and `ingest` group alike. */
static int article_terms(struct ingest *in, int64_t id, const char *title, const char *text,
                         size_t len, size_t *t_first, size_t *t_n, struct kb_err *err)
{
    struct word_ref *w = NULL;
    struct cluster_term *ct = NULL;
    size_t n_w = 0, i, pos, n_u = 0;
    int rc;

    buf_reset(&in->words);
    if (cluster_doc_terms(in->stem, title, text, len, collect_term, &in->words))
        return kb_err_set(err, KB_ETOOBIG, "ingest: article %lld has too many terms", (long long)id);
    for (pos = 0; pos < in->words.len; pos += 1 + (unsigned char)in->words.ptr[pos]) n_w++;
    w = kb_malloc((n_w ? n_w : 1) * sizeof *w);
    for (pos = 0, i = 0; pos < in->words.len; pos += 1 + (unsigned char)in->words.ptr[pos], i++) {
        w[i].p = in->words.ptr + pos + 1;
        w[i].len = (unsigned char)in->words.ptr[pos];
    }
    qsort(w, n_w, sizeof *w, cmp_word);

    *t_first = in->n_refs;
    for (i = 0; i < n_w;) {
        size_t j = i + 1;
        while (j < n_w && cmp_word(&w[i], &w[j]) == 0) j++;
        if (in->n_refs == in->cap_refs) {
            in->cap_refs = in->cap_refs ? in->cap_refs * 2 : 4096;
            in->refs = kb_realloc(in->refs, in->cap_refs * sizeof *in->refs);
        }
        in->refs[in->n_refs].off = in->arena.len;
        in->refs[in->n_refs].len = w[i].len;
        in->refs[in->n_refs].count = (uint32_t)(j - i);
        if (buf_append(&in->arena, w[i].p, w[i].len)) {
            free(w);
            return kb_err_set(err, KB_ETOOBIG, "ingest: batch terms too large");
        }
        in->n_refs++;
        n_u++;
        i = j;
    }
    free(w);
    *t_n = n_u;

    ct = kb_malloc((n_u ? n_u : 1) * sizeof *ct);
    for (i = 0; i < n_u; i++) {
        const struct term_ref *r = &in->refs[*t_first + i];
        ct[i].term = in->arena.ptr + r->off;
        ct[i].len = r->len;
        ct[i].count = r->count;
    }
    rc = store_terms_put(in->store, id, ct, n_u, err);
    free(ct);
    return rc;
}

/* --- clustering a batch --------------------------------------------------------- */

static int cmp_doc(const void *x, const void *y)
{
    const struct new_doc *a = x, *b = y;
    int ua = a->day == CLUSTER_NO_DAY, ub = b->day == CLUSTER_NO_DAY;
    if (ua != ub) return ua - ub; /* undated last */
    if (!ua && a->day != b->day) return a->day < b->day ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int cluster_batch(struct ingest *in, struct kb_err *err)
{
    struct cluster *c;
    struct cluster_term *ct = NULL;
    size_t cap = 0, i, k;
    int64_t lo = CLUSTER_NO_DAY, hi = CLUSTER_NO_DAY;
    int rc = 0;

    if (in->n_docs) {
        qsort(in->docs, in->n_docs, sizeof *in->docs, cmp_doc);
        for (i = 0; i < in->n_docs; i++) {
            int64_t d = in->docs[i].day;
            if (d == CLUSTER_NO_DAY) continue;
            if (lo == CLUSTER_NO_DAY || d < lo) lo = d;
            if (hi == CLUSTER_NO_DAY || d > hi) hi = d;
        }
        /* with no dated article, or no window, every story is a candidate */
        if (lo != CLUSTER_NO_DAY && in->copts.window_days > 0) {
            /* reach back far enough that a restored story knows its true
             * first day, which the span cap is measured from */
            int64_t back = in->copts.window_days > in->copts.max_span_days
                               ? in->copts.window_days
                               : in->copts.max_span_days;
            lo -= back;
            hi += in->copts.window_days;
        } else {
            lo = hi = CLUSTER_NO_DAY;
        }
        c = cluster_new(&in->copts);
        rc = store_cluster_load(in->store, c, lo, hi, err);
        for (i = 0; i < in->n_docs && !rc; i++) {
            const struct new_doc *d = &in->docs[i];
            int64_t fresh, story;
            if (d->t_n > cap) {
                cap = d->t_n * 2;
                ct = kb_realloc(ct, cap * sizeof *ct);
            }
            for (k = 0; k < d->t_n; k++) {
                const struct term_ref *r = &in->refs[d->t_first + k];
                ct[k].term = in->arena.ptr + r->off;
                ct[k].len = r->len;
                ct[k].count = r->count;
            }
            rc = store_next_story_id(in->store, &fresh, err);
            if (rc) break;
            story = cluster_assign(c, d->day, ct, d->t_n, fresh);
            rc = store_story_assign(in->store, d->id, story, err);
        }
        cluster_free(c);
        free(ct);
        if (rc) return rc;
    }
    /* copies join their canonical article's story (which may have been
     * assigned just above, when both came in this batch) */
    for (i = 0; i < in->n_copies && !rc; i++) {
        int64_t story = 0;
        rc = store_article_story(in->store, in->copies[i], &story, err);
        if (!rc && story > 0) rc = store_story_assign(in->store, in->copies[i], story, err);
    }
    return rc;
}

/* --- batches ------------------------------------------------------------------ */

static int process_batch(struct ingest *in, struct ingest_counts *bc, struct kb_err *err)
{
    size_t i;
    int rc = 0;

    in->n_docs = in->n_refs = in->n_copies = 0;
    buf_reset(&in->arena);
    for (i = 0; i < in->n_q; i++) {
        const struct article *a = in->q[i];
        /* a text of blanks and control bytes teaches nothing (and is
         * rejected below) */
        if (a->text && has_ink(a->text, a->text_len))
            clean_learn(in->clean, a->site, a->text, a->text_len);
    }
    for (i = 0; i < in->n_q && !rc; i++) {
        struct article *a = in->q[i];
        char hash[DEDUP_HASH_HEX];
        enum store_outcome outcome;
        int64_t id;
        size_t k;

        if (!a->url || !*a->url || !a->text) {
            reject(in, a, "no url or text", err);
            bc->rejected++;
            continue;
        }
        /* a url already stored (a rerun) costs one index lookup, not a
         * cleaning pass */
        rc = store_article_find(in->store, a->url, &id, err);
        if (rc < 0) break;
        if (rc == 1) {
            rc = 0;
            bc->duplicate++;
            continue;
        }
        buf_reset(&in->text);
        if (clean_text(in->clean, a->site, a->text, a->text_len, &in->text, NULL)) {
            reject(in, a, "text too large to clean", err);
            bc->rejected++;
            continue;
        }
        for (k = 0; k < in->text.len && is_space(in->text.ptr[k]); k++) {}
        if (k == in->text.len) {
            reject(in, a, "no text left after cleaning", err);
            bc->rejected++;
            continue;
        }
        if (!a->title || !*a->title) {
            free(a->title);
            a->title = clean_title(in->text.ptr, in->text.len);
        }
        if ((!a->lang || !*a->lang) && in->lang) {
            char code[LANG_CODE_MAX];
            double conf;
            if (lang_detect(in->lang, in->text.ptr, in->text.len, code, &conf) == 0 &&
                strcmp(code, "und") != 0)
                article_set(&a->lang, code, strlen(code));
        }
        dedup_hash(in->text.ptr, in->text.len, hash);
        rc = store_article_put(in->store, a, in->text.ptr, in->text.len, hash, &id, &outcome, err);
        if (rc) break;
        if (outcome == STORE_DUP) {
            bc->duplicate++;
        } else if (outcome == STORE_COPY) {
            bc->duplicate++;
            bc->copies++;
            if (in->n_copies == in->cap_copies) {
                in->cap_copies = in->cap_copies ? in->cap_copies * 2 : 64;
                in->copies = kb_realloc(in->copies, in->cap_copies * sizeof *in->copies);
            }
            in->copies[in->n_copies++] = id;
        } else {
            struct new_doc *d;
            int64_t day;
            bc->added++;
            if (in->n_docs == in->cap_docs) {
                in->cap_docs = in->cap_docs ? in->cap_docs * 2 : 64;
                in->docs = kb_realloc(in->docs, in->cap_docs * sizeof *in->docs);
            }
            d = &in->docs[in->n_docs++];
            d->id = id;
            d->order = i;
            d->day = a->published && date_days(a->published, &day) == 0 ? day : CLUSTER_NO_DAY;
            rc = article_terms(in, id, a->title, in->text.ptr, in->text.len, &d->t_first, &d->t_n,
                               err);
        }
    }
    if (!rc) rc = cluster_batch(in, err);
    return rc;
}

int ingest_flush(struct ingest *in, struct kb_err *err)
{
    struct ingest_counts bc;
    int rc;

    in->n_rejects = 0;
    if (in->n_q == 0) return 0;
    memset(&bc, 0, sizeof bc);
    rc = store_begin(in->store, err);
    if (rc) {
        drop_queue(in);
        return rc;
    }
    rc = process_batch(in, &bc, err);
    if (!rc) rc = store_commit(in->store, err);
    if (rc) {
        /* the whole batch goes: nothing of it was stored, nothing counted */
        store_rollback(in->store);
        drop_queue(in);
        return rc;
    }
    drop_queue(in);
    in->counts.added += bc.added;
    in->counts.duplicate += bc.duplicate;
    in->counts.copies += bc.copies;
    in->counts.rejected += bc.rejected;
    if (in->n_rejects) {
        if (in->n_rejects > 1 && err) {
            size_t l = strlen(err->msg);
            snprintf(err->msg + l, sizeof err->msg - l, " (and %zu more in this batch)",
                     in->n_rejects - 1);
        }
        return KB_EPARSE;
    }
    return 0;
}

int ingest_add(struct ingest *in, struct article *a, struct kb_err *err)
{
    if (!a) return kb_err_set(err, KB_EINVAL, "ingest: no article");
    if (in->n_q == in->cap_q) {
        in->cap_q = in->cap_q ? in->cap_q * 2 : 64;
        in->q = kb_realloc(in->q, in->cap_q * sizeof *in->q);
    }
    in->q[in->n_q++] = a;
    if (in->n_q >= in->o.batch) return ingest_flush(in, err);
    return 0;
}
