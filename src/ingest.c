/* ingest.c -- the write path: articles -> prepare -> store -> cluster.
 *
 * Owns: the queue of articles not yet stored (a batch), the session's
 * article preparation (prep.h: boilerplate learner, stemmer, language
 * identifier), the worker pool with one prep_worker context per extra
 * thread and the ring of slots articles are prepared into, and the running
 * counts.
 *
 * Per batch, in one store transaction:
 *   1. prep_learn over every queued article, so lines repeated across one
 *      site's articles -- this batch's and every earlier batch's of the
 *      session -- are known before any of them is cleaned;
 *   2. per article: a real url already stored is a duplicate at the cost of
 *      one index lookup (reruns stay cheap); the others are prepared --
 *      prep_article (clean, refuse with its reason when nothing is left,
 *      title, language, content hash) and prep_terms -- on the worker pool
 *      (pool.h), each thread with its own prep_worker context sharing the
 *      learner read-only. In input order, on the calling thread: the
 *      lookup again (the same url may come twice in one batch),
 *      store_article_put, and for a new canonical article its terms with
 *      store_terms_put. Preparing an article has no effect on the store, and
 *      the store-dependent steps keep their sequential order, so the store,
 *      its ids and the reject messages do not depend on the thread count;
 *      the price is that a url stored earlier in the same batch, or a
 *      copy, was prepared for nothing. At most WINDOW_PER_WORKER articles
 *      per worker are prepared ahead of the store, in a ring of slots;
 *   3. the new canonical articles are clustered in date order (undated
 *      last): the clusterer is restored from the store for the batch's date
 *      range widened by the story window, then each article either joins a
 *      story or opens one (store_next_story_id); copies then join the story of
 *      their canonical article;
 *   4. commit. Counts are added to the session totals only after the commit,
 *      so a failed batch leaves them as they were.
 * A crash before the commit loses the batch and nothing else; since urls
 * are unique, a rerun stores each article exactly once.
 *
 * Synthetic urls (article.url_synthetic: the file path or PATH:LINE of an
 * input without urls) name where an article was read, not which article it
 * is: "stdin" or "a1.jsonl:1" comes back with other content on the next
 * run. So the content decides: the same content already stored is a
 * duplicate (a rerun adds nothing); a url already stored with different
 * content is stored as "URL#" + the first ARTICLE_URL_HASH_HEX hex digits
 * of the content hash, and counted as added -- never lost as a duplicate. */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cluster.h"
#include "mem.h"
#include "pool.h"
#include "prep.h"

#define DEFAULT_BATCH 500
#define WINDOW_PER_WORKER 4 /* articles prepared ahead of the store, per worker */

/* What the calling thread decided about a queued article before the batch's
 * preparation started. */
enum {
    PRE_PREPARE = 0, /* to be prepared (and looked up again when stored) */
    PRE_NO_URL,      /* rejected: no url */
    PRE_KNOWN        /* real url already in the store before this batch: a duplicate */
};

/* One article prepared ahead of the store (slot i % window holds item i). */
struct slot {
    struct prep_doc doc;     /* the article, prepared */
    struct prep_terms terms; /* its terms, when doc was accepted */
    int refused;             /* prep_article refused it: doc.why says why */
    int terms_rc;            /* prep_terms' result */
};

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
    struct prep *prep;            /* owned; learns across the session's batches; worker 0 */
    struct pool *pool;            /* owned; prepares a batch's articles */
    struct prep **workers;        /* owned array; [0] = prep (borrowed), others owned */
    size_t n_workers;             /* pool_size(pool) */
    struct slot *slots;           /* owned ring of window slots */
    size_t window;                /* articles in flight past the last one stored */
    unsigned char *pre;           /* owned; PRE_* per queued article (cap_q entries) */
    struct ingest_counts counts;  /* committed batches only */
    /* the batch being processed, for the pool callbacks */
    struct ingest_counts *bc;     /* borrowed from ingest_flush */
    struct kb_err *err;           /* borrowed from ingest_flush; may be NULL */
    /* per-batch scratch, reused */
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
    size_t n_rejects;             /* rejections in the current call */
};

struct ingest *ingest_new(struct store *s, const struct ingest_opts *o, struct kb_err *err)
{
    struct ingest *in;
    size_t i;

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
    buf_init(&in->arena, 0);
    in->prep = prep_new(PREP_LANG, err); /* the store keeps each article's language */
    if (!in->prep) {
        ingest_free(in);
        return NULL;
    }
    in->pool = pool_new(in->o.threads);
    in->n_workers = pool_size(in->pool);
    in->workers = kb_calloc(in->n_workers, sizeof *in->workers);
    in->workers[0] = in->prep;
    for (i = 1; i < in->n_workers; i++) {
        in->workers[i] = prep_worker(in->prep, err);
        if (!in->workers[i]) {
            ingest_free(in);
            return NULL;
        }
    }
    in->window = WINDOW_PER_WORKER * in->n_workers;
    in->slots = kb_calloc(in->window, sizeof *in->slots);
    for (i = 0; i < in->window; i++) {
        prep_doc_init(&in->slots[i].doc);
        prep_terms_init(&in->slots[i].terms);
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
    size_t i;

    if (!in) return;
    drop_queue(in);
    free(in->q);
    free(in->pre);
    /* threads first: nothing may run on a worker context being freed */
    pool_free(in->pool);
    for (i = 1; in->workers && i < in->n_workers; i++) prep_free(in->workers[i]);
    free(in->workers);
    prep_free(in->prep);
    for (i = 0; in->slots && i < in->window; i++) {
        prep_doc_release(&in->slots[i].doc);
        prep_terms_release(&in->slots[i].terms);
    }
    free(in->slots);
    buf_release(&in->arena);
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

/* --- terms of one article ------------------------------------------------------ */

/* Record the prepared article's terms (prep_terms, computed by a worker:
 * the representation corpus.c clusters with too) in the store for article
 * id, and keep a copy in the batch arena for clustering the batch. */
static int article_terms(struct ingest *in, const struct slot *sl, int64_t id, size_t *t_first,
                         size_t *t_n, struct kb_err *err)
{
    size_t i;

    if (sl->terms_rc)
        return kb_err_set(err, KB_ETOOBIG, "ingest: article %lld has too many terms", (long long)id);
    *t_first = in->n_refs;
    *t_n = sl->terms.n;
    for (i = 0; i < sl->terms.n; i++) {
        const struct cluster_term *t = &sl->terms.v[i];
        if (in->n_refs == in->cap_refs) {
            in->cap_refs = in->cap_refs ? in->cap_refs * 2 : 4096;
            in->refs = kb_realloc(in->refs, in->cap_refs * sizeof *in->refs);
        }
        in->refs[in->n_refs].off = in->arena.len;
        in->refs[in->n_refs].len = t->len;
        in->refs[in->n_refs].count = t->count;
        if (buf_append(&in->arena, t->term, t->len))
            return kb_err_set(err, KB_ETOOBIG, "ingest: batch terms too large");
        in->n_refs++;
    }
    return store_terms_put(in->store, id, sl->terms.v, sl->terms.n, err);
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

/* An article with a synthetic url, prepared in doc: 1 when its content
 * is already stored (a duplicate: a rerun, or the same file read twice);
 * else 0, with a->url renamed "URL#<hash prefix>" when another article
 * already holds the url, so the two never collide. Negative on a store error. */
static int claim_synthetic(struct ingest *in, struct article *a, const struct prep_doc *doc,
                           struct kb_err *err)
{
    char *url;
    size_t len;
    int64_t id;
    int rc;

    rc = store_article_find_hash(in->store, doc->hash, &id, err);
    if (rc != 0) return rc;
    rc = store_article_find(in->store, a->url, &id, err);
    if (rc <= 0) return rc;
    len = strlen(a->url);
    url = kb_malloc(len + 1 + ARTICLE_URL_HASH_HEX + 1);
    memcpy(url, a->url, len);
    url[len] = '#';
    memcpy(url + len + 1, doc->hash, ARTICLE_URL_HASH_HEX);
    url[len + 1 + ARTICLE_URL_HASH_HEX] = '\0';
    free(a->url);
    a->url = url;
    return 0;
}

/* pool work: prepare queued article i in its slot, on worker w. Touches
 * only the article, the slot and the worker's own context. */
static void prepare_one(void *ctx, size_t w, size_t i)
{
    struct ingest *in = ctx;
    struct slot *sl = &in->slots[i % in->window];
    struct article *a = in->q[i];

    sl->refused = 0;
    sl->terms_rc = 0;
    if (in->pre[i] != PRE_PREPARE) return;
    if (prep_article(in->workers[w], a, &sl->doc, NULL)) {
        sl->refused = 1;
        return;
    }
    sl->terms_rc = prep_terms(in->workers[w], a->title, sl->doc.text.ptr, sl->doc.text.len,
                              &sl->terms);
}

/* pool done: store queued article i, in input order, on the calling
 * thread. Nonzero (a store error) stops the batch. */
static int store_one(void *ctx, size_t i)
{
    struct ingest *in = ctx;
    struct ingest_counts *bc = in->bc;
    struct kb_err *err = in->err;
    const struct slot *sl = &in->slots[i % in->window];
    struct article *a = in->q[i];
    enum store_outcome outcome;
    int64_t id;
    int rc;

    if (in->pre[i] == PRE_NO_URL) {
        reject(in, a, "no url", err);
        bc->rejected++;
        return 0;
    }
    if (in->pre[i] == PRE_KNOWN) {
        bc->duplicate++;
        return 0;
    }
    /* a real url may have been stored by an earlier article of this batch */
    if (!a->url_synthetic) {
        rc = store_article_find(in->store, a->url, &id, err);
        if (rc < 0) return rc;
        if (rc == 1) {
            bc->duplicate++;
            return 0;
        }
    }
    if (sl->refused) {
        reject(in, a, sl->doc.why, err);
        bc->rejected++;
        return 0;
    }
    if (a->url_synthetic) {
        rc = claim_synthetic(in, a, &sl->doc, err);
        if (rc < 0) return rc;
        if (rc == 1) {
            bc->duplicate++;
            return 0;
        }
    }
    rc = store_article_put(in->store, a, sl->doc.text.ptr, sl->doc.text.len, sl->doc.hash, &id,
                           &outcome, err);
    if (rc) return rc;
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
        bc->added++;
        if (in->n_docs == in->cap_docs) {
            in->cap_docs = in->cap_docs ? in->cap_docs * 2 : 64;
            in->docs = kb_realloc(in->docs, in->cap_docs * sizeof *in->docs);
        }
        d = &in->docs[in->n_docs++];
        d->id = id;
        d->order = i;
        d->day = sl->doc.day;
        rc = article_terms(in, sl, id, &d->t_first, &d->t_n, err);
    }
    return rc;
}

static int process_batch(struct ingest *in, struct ingest_counts *bc, struct kb_err *err)
{
    size_t i;
    int rc;

    in->n_docs = in->n_refs = in->n_copies = 0;
    buf_reset(&in->arena);
    for (i = 0; i < in->n_q; i++) prep_learn(in->prep, in->q[i]);
    /* a real url stored before this batch needs no cleaning (reruns stay
     * cheap); a lookup that fails is simply made again, with its error
     * reported, when the article's turn to be stored comes */
    for (i = 0; i < in->n_q; i++) {
        const struct article *a = in->q[i];
        int64_t id;
        if (!a->url || !*a->url) in->pre[i] = PRE_NO_URL;
        else if (!a->url_synthetic && store_article_find(in->store, a->url, &id, NULL) == 1)
            in->pre[i] = PRE_KNOWN;
        else in->pre[i] = PRE_PREPARE;
    }
    in->bc = bc;
    in->err = err;
    rc = pool_run(in->pool, in->n_q, in->window, prepare_one, store_one, in);
    in->bc = NULL;
    in->err = NULL;
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
        in->pre = kb_realloc(in->pre, in->cap_q);
    }
    in->q[in->n_q++] = a;
    if (in->n_q >= in->o.batch) return ingest_flush(in, err);
    return 0;
}
