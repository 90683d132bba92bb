/* corpus.c -- `kabar summarize`: articles in memory -> cited stories.
 *
 * Owns the articles handed to corpus_add (freed by corpus_free).
 *
 * corpus_stories runs the whole read path without a database:
 *   1. prepare (prep.h, the same path ingest takes): every article is
 *      learned first (so lines repeated across one site's distinct
 *      articles are recognised), then each is cleaned, titled and hashed;
 *      an article prep refuses (no text left) is left out, reported
 *      through the reject callback and counted.
 *   2. dedup: the content hash of the cleaned text; articles with equal hashes are
 *      one voice, whose canonical article is the earliest (by published
 *      date, undated last, then input order). Copies keep their own id with
 *      duplicate_of set and are listed in the canonical article's story.
 *   3. cluster: each canonical article's terms (prep_terms: title +
 *      cleaned text without numbers, plus entity terms) are assigned with
 *      cluster.h in date order (undated last, stable).
 *   4. one struct story per cluster with all its articles (canonical and
 *      copies, ascending id), story_update_meta, summ_story.
 *   5. order: distinct sites descending, then articles descending, then
 *      earliest first article id; stories are numbered 1.. in that order.
 * Article ids are 1-based input positions, also for dropped articles.
 *
 * Steps 1 (cleaning) and 4's summaries -- together about two thirds of the
 * run -- are per article or per story, and run on the worker pool (pool.h:
 * KABAR_THREADS, else the online CPUs), each thread with its own prep_worker
 * context (stemmer) and the learner shared read-only. Rejections are
 * reported afterwards in input order, and everything in between (dedup,
 * clustering, ranking) stays sequential, so the output does not depend on
 * the thread count. */
#include "corpus.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cluster.h"
#include "mem.h"
#include "pool.h"
#include "prep.h"
#include "summ.h"

struct corpus {
    struct article **v;     /* owned array of owned articles, input order */
    size_t n;
    size_t cap;
    corpus_reject_fn reject; /* may be NULL */
    void *ctx;               /* passed to reject */
    size_t n_rejected;       /* left out by the last corpus_stories */
};

struct corpus *corpus_new(void)
{
    return kb_calloc(1, sizeof(struct corpus));
}

void corpus_free(struct corpus *c)
{
    size_t i;

    if (!c) return;
    for (i = 0; i < c->n; i++) article_free(c->v[i]);
    free(c->v);
    free(c);
}

void corpus_set_reject(struct corpus *c, corpus_reject_fn fn, void *ctx)
{
    c->reject = fn;
    c->ctx = ctx;
}

size_t corpus_rejected(const struct corpus *c)
{
    return c->n_rejected;
}

void corpus_add(struct corpus *c, struct article *a)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = kb_realloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = a;
    a->id = (int64_t)c->n;
}

/* Per-article working state of one corpus_stories call. */
struct item {
    struct article *a;    /* borrowed from the corpus */
    char *clean;          /* owned; cleaned text, NULL when dropped */
    size_t clean_len;     /* bytes */
    char hash[DEDUP_HASH_HEX];
    int64_t day;          /* days since epoch, CLUSTER_NO_DAY when undated */
    size_t canon;         /* index of the canonical item (itself when canonical) */
    int64_t story;        /* cluster story id (canonical items) */
    const char *why;      /* static; why prep refused it, NULL when kept */
};

/* What the pool callbacks share in one corpus_stories call. */
struct par {
    struct item *it;      /* borrowed; the items */
    struct prep **ws;     /* borrowed; one context per worker ([0] is the parent) */
    struct prep_doc *docs; /* borrowed; one scratch document per worker */
    struct story *stories; /* borrowed; for the summaries */
};

/* pool work: prepare item i on worker w (step 1). */
static void prepare_one(void *ctx, size_t w, size_t i)
{
    struct par *p = ctx;
    struct item *x = &p->it[i];
    struct prep_doc *doc = &p->docs[w];

    if (prep_article(p->ws[w], x->a, doc, NULL)) {
        x->why = doc->why;
        return;
    }
    x->day = doc->day;
    x->clean_len = doc->text.len;
    x->clean = buf_take(&doc->text);
    memcpy(x->hash, doc->hash, sizeof x->hash);
}

/* pool work: summarise story i with worker w's stemmer (step 4). */
static void summarize_one(void *ctx, size_t w, size_t i)
{
    struct par *p = ctx;
    (void)summ_story(&p->stories[i], prep_stemmer(p->ws[w]), NULL);
}

/* 1 when item x was published before y (undated after dated, ties by input). */
static int earlier(const struct item *x, const struct item *y)
{
    if (x->day != y->day) {
        if (x->day == CLUSTER_NO_DAY) return 0;
        if (y->day == CLUSTER_NO_DAY) return 1;
        return x->day < y->day;
    }
    /* same day: a full timestamp orders them further */
    if (x->a->published && y->a->published) {
        int c = strcmp(x->a->published, y->a->published);
        if (c) return c < 0;
    }
    return x->a->id < y->a->id;
}

/* Sort keys: C11 qsort has no context pointer, so each key carries what
 * its comparison needs. */
struct key {
    const struct item *x; /* borrowed */
    size_t idx;           /* item index */
    size_t rank;          /* position in date order */
};

static int cmp_date_key(const void *p, const void *q)
{
    const struct key *a = p, *b = q;
    if (a->idx == b->idx) return 0;
    return earlier(a->x, b->x) ? -1 : 1;
}

static int cmp_hash_key(const void *p, const void *q)
{
    const struct key *a = p, *b = q;
    int c = strcmp(a->x->hash, b->x->hash);
    if (c) return c;
    return (a->rank > b->rank) - (a->rank < b->rank);
}

static int cmp_story_rank(const void *p, const void *q)
{
    const struct story *a = p, *b = q;
    int64_t fa = a->n_articles ? a->articles[0].id : 0, fb = b->n_articles ? b->articles[0].id : 0;

    if (a->n_sites != b->n_sites) return a->n_sites > b->n_sites ? -1 : 1;
    if (a->n_articles != b->n_articles) return a->n_articles > b->n_articles ? -1 : 1;
    return (fa > fb) - (fa < fb);
}

static int cmp_article_id(const void *p, const void *q)
{
    const struct story_article *a = p, *b = q;
    return (a->id > b->id) - (a->id < b->id);
}

int corpus_stories(struct corpus *c, struct story **out, size_t *n, struct kb_err *err)
{
    struct item *it = kb_calloc(c->n + 1, sizeof *it);
    size_t *order = kb_malloc((c->n + 1) * sizeof *order);
    struct prep *pp = NULL;
    struct prep **ws = NULL;
    struct prep_doc *docs = NULL;
    struct pool *pool = NULL;
    struct par par;
    size_t n_ws = 0, threads;
    struct prep_terms terms;
    struct cluster *cl = NULL;
    struct story *stories = NULL;
    size_t i, n_order = 0, n_st = 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    c->n_rejected = 0;
    prep_terms_init(&terms);
    /* no language detection: nothing summarize prints shows it, and it
     * would cost about a third of the run */
    pp = prep_new(0, err);
    if (!pp) {
        rc = err && err->code ? err->code : KB_EIO;
        goto done;
    }
    /* all the input is known: learn it all before cleaning any of it */
    for (i = 0; i < c->n; i++) prep_learn(pp, c->v[i]);

    /* one worker per few articles at most: a small input is not worth a thread */
    threads = pool_threads();
    if (threads > c->n / 8 + 1) threads = c->n / 8 + 1;
    pool = pool_new(threads);
    n_ws = pool_size(pool);
    ws = kb_calloc(n_ws, sizeof *ws);
    docs = kb_calloc(n_ws, sizeof *docs);
    ws[0] = pp;
    for (i = 0; i < n_ws; i++) prep_doc_init(&docs[i]);
    for (i = 1; i < n_ws; i++) {
        ws[i] = prep_worker(pp, err);
        if (!ws[i]) {
            rc = err && err->code ? err->code : KB_EIO;
            goto done;
        }
    }
    memset(&par, 0, sizeof par);
    par.it = it;
    par.ws = ws;
    par.docs = docs;

    /* 1-2: prepare (on the pool), leave out what is refused, fold exact copies */
    for (i = 0; i < c->n; i++) {
        it[i].a = c->v[i];
        it[i].canon = i;
        it[i].day = CLUSTER_NO_DAY;
    }
    (void)pool_run(pool, c->n, 0, prepare_one, NULL, &par);
    for (i = 0; i < c->n; i++) {
        struct item *x = &it[i];
        if (x->why) {
            c->n_rejected++;
            if (c->reject)
                c->reject(c->ctx, x->a->origin ? x->a->origin : x->a->url ? x->a->url : "(input)",
                          x->why);
            continue;
        }
        order[n_order++] = i;
    }
    {
        struct key *k = kb_malloc((n_order + 1) * sizeof *k);
        for (i = 0; i < n_order; i++) {
            k[i].x = &it[order[i]];
            k[i].idx = order[i];
        }
        qsort(k, n_order, sizeof *k, cmp_date_key);
        for (i = 0; i < n_order; i++) {
            order[i] = k[i].idx;
            k[i].rank = i;
        }
        /* equal hashes become adjacent, earliest first: that one is canonical */
        qsort(k, n_order, sizeof *k, cmp_hash_key);
        for (i = 1; i < n_order; i++)
            if (strcmp(k[i].x->hash, k[i - 1].x->hash) == 0)
                it[k[i].idx].canon = it[k[i - 1].idx].canon;
        free(k);
    }

    /* 3: cluster canonical articles in date order */
    cl = cluster_new(NULL);
    {
        int64_t next_id = 1;
        for (i = 0; i < n_order; i++) {
            struct item *x = &it[order[i]];
            if (x->canon != order[i]) continue;
            /* a document too big for the term buffers clusters on no
             * terms: it opens a story of its own rather than being lost */
            if (prep_terms(pp, x->a->title, x->clean, x->clean_len, &terms)) terms.n = 0;
            x->story = cluster_assign(cl, x->day, terms.v, terms.n, next_id);
            if (x->story == next_id) next_id++;
        }

        /* 4: one story per cluster id (ids are 1..next_id-1) */
        n_st = (size_t)(next_id - 1);
        stories = kb_calloc(n_st + 1, sizeof *stories);
        for (i = 0; i < n_st; i++) story_init(&stories[i]);
    }
    for (i = 0; i < c->n; i++) {
        struct item *x = &it[i];
        struct story *s;
        if (!x->clean) continue;
        s = &stories[it[x->canon].story - 1];
        story_add_article(s, x->a->id, x->a->url, x->a->site, x->a->title, x->a->published,
                          x->canon == i ? 0 : it[x->canon].a->id, x->clean, x->clean_len);
    }
    for (i = 0; i < n_st; i++) {
        qsort(stories[i].articles, stories[i].n_articles, sizeof *stories[i].articles,
              cmp_article_id);
        story_update_meta(&stories[i]);
    }
    qsort(stories, n_st, sizeof *stories, cmp_story_rank);
    for (i = 0; i < n_st; i++) stories[i].id = (int64_t)i + 1;
    par.stories = stories;
    (void)pool_run(pool, n_st, 0, summarize_one, NULL, &par);
    *out = stories;
    *n = n_st;
    stories = NULL;

done:
    corpus_stories_free(stories, n_st);
    cluster_free(cl);
    prep_terms_release(&terms);
    pool_free(pool);
    for (i = 0; docs && i < n_ws; i++) prep_doc_release(&docs[i]);
    free(docs);
    for (i = 1; ws && i < n_ws; i++) prep_free(ws[i]);
    free(ws);
    prep_free(pp);
    for (i = 0; i < c->n; i++) free(it[i].clean);
    free(it);
    free(order);
    return rc;
}

void corpus_stories_free(struct story *v, size_t n)
{
    size_t i;

    if (!v) return;
    for (i = 0; i < n; i++) story_release(&v[i]);
    free(v);
}
