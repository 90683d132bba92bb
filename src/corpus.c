/* corpus.c -- `kabar summarize`: articles in memory -> cited stories.
 *
 * Owns the articles handed to corpus_add (freed by corpus_free).
 *
 * corpus_stories runs the whole read path without a database:
 *   1. clean: a clean_ctx learns every article's lines first (so lines
 *      repeated across one site's articles are recognised), then each text
 *      is cleaned; an article with no text left is dropped.
 *   2. dedup: dedup_hash of the cleaned text; articles with equal hashes are
 *      one voice, whose canonical article is the earliest (by published
 *      date, undated last, then input order). Copies keep their own id with
 *      duplicate_of set and are listed in the canonical article's story.
 *   3. cluster: each canonical article's terms (title + cleaned text,
 *      terms.h without numbers, which mostly are years and page furniture)
 *      are assigned with cluster.h in date order (undated last, stable).
 *   4. one struct story per cluster with all its articles (canonical and
 *      copies, ascending id), story_update_meta, summ_story.
 *   5. order: distinct sites descending, then articles descending, then
 *      earliest first article id; stories are numbered 1.. in that order.
 * Article ids are 1-based input positions, also for dropped articles. */
#include "corpus.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "cluster.h"
#include "date.h"
#include "dedup.h"
#include "mem.h"
#include "stem.h"
#include "summ.h"
#include "terms.h"
#include "vec.h"

struct corpus {
    struct article **v; /* owned array of owned articles, input order */
    size_t n;
    size_t cap;
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
};

static int blank(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
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

/* Collects terms of one article as cluster_terms (counts merged by id). */
struct term_acc {
    struct vec_dict dict; /* term strings, owned */
    struct vec counts;    /* term id -> count */
};

static int on_term(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct term_acc *t = ctx;
    vec_push(&t->counts, vec_dict_intern(&t->dict, term, len), 1);
    return 0;
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
    struct clean_ctx *cc = clean_new();
    struct stemmer *st = stem_new(KB_LANG_ID);
    struct cluster *cl = NULL;
    struct story *stories = NULL;
    size_t i, n_order = 0, n_st = 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    if (!st) {
        rc = kb_err_set(err, KB_EUNSUPP, "no Indonesian stemmer available");
        goto done;
    }
    for (i = 0; i < c->n; i++)
        if (c->v[i]->text && c->v[i]->text_len) /* an empty text teaches nothing */
            clean_learn(cc, c->v[i]->site, c->v[i]->text, c->v[i]->text_len);

    /* 1-2: clean, drop empties, fold exact copies */
    for (i = 0; i < c->n && rc == 0; i++) {
        struct item *x = &it[i];
        struct buf b = BUF_INIT;
        x->a = c->v[i];
        x->canon = i;
        x->day = CLUSTER_NO_DAY;
        if (x->a->published && date_days(x->a->published, &x->day) != 0) x->day = CLUSTER_NO_DAY;
        rc = clean_text(cc, x->a->site, x->a->text ? x->a->text : "", x->a->text_len, &b, NULL);
        if (rc) {
            rc = kb_err_set(err, rc, "%s: cleaning failed: %s",
                            x->a->origin ? x->a->origin : x->a->url, kb_strerror(rc));
            buf_release(&b);
            break;
        }
        if (b.len == 0 || blank(b.ptr, b.len)) {
            buf_release(&b);
            continue;
        }
        x->clean_len = b.len;
        x->clean = buf_take(&b);
        if (!x->a->title || !*x->a->title) {
            free(x->a->title);
            x->a->title = clean_title(x->clean, x->clean_len);
        }
        dedup_hash(x->clean, x->clean_len, x->hash);
        order[n_order++] = i;
    }
    if (rc) goto done;
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
        struct term_acc acc;
        struct cluster_term *terms = NULL;
        size_t cap_terms = 0;
        int64_t next_id = 1;
        vec_dict_init(&acc.dict);
        vec_init(&acc.counts);
        for (i = 0; i < n_order; i++) {
            struct item *x = &it[order[i]];
            size_t k;
            if (x->canon != order[i]) continue;
            vec_reset(&acc.counts);
            (void)cluster_doc_terms(st, x->a->title, x->clean, x->clean_len, on_term, &acc);
            vec_finish(&acc.counts);
            if (acc.counts.n > cap_terms) {
                cap_terms = acc.counts.n;
                terms = kb_realloc(terms, cap_terms * sizeof *terms);
            }
            for (k = 0; k < acc.counts.n; k++) {
                terms[k].term = vec_dict_term(&acc.dict, acc.counts.v[k].id, &terms[k].len);
                terms[k].count = (uint32_t)acc.counts.v[k].w;
            }
            x->story = cluster_assign(cl, x->day, terms, acc.counts.n, next_id);
            if (x->story == next_id) next_id++;
        }
        free(terms);
        vec_release(&acc.counts);
        vec_dict_release(&acc.dict);

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
    for (i = 0; i < n_st; i++) {
        stories[i].id = (int64_t)i + 1;
        (void)summ_story(&stories[i], st, NULL);
    }
    *out = stories;
    *n = n_st;
    stories = NULL;

done:
    corpus_stories_free(stories, n_st);
    cluster_free(cl);
    stem_free(st);
    clean_free(cc);
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
