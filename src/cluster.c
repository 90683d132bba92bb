/* cluster.c -- online, time-aware story clustering over TF-IDF vectors.
 *
 * Owns: the term dictionary (vec.h), document frequencies, the stories
 * (id, first/last day, sum of member vectors, centroid) and an inverted
 * index term -> stories used to find candidates.
 *
 * Algorithm (single pass, one document at a time, in date order):
 *   1. The document is counted into df and n_docs, then weighted with
 *      sublinear tf and smoothed idf:
 *          w(t) = (1 + ln tf) * (ln((1 + N) / (1 + df)) + 1)
 *      and L2-normalised. The smoothed idf (the scikit-learn form) keeps
 *      terms that occur in every document at weight 1 instead of 0, so a
 *      batch of five articles that all share "korea utara" still clusters.
 *   2. Candidates: every story indexed under one of the document's top
 *      KEY_TERMS terms (the inverted index lists, for each term, the
 *      stories one of whose members had it among its own top KEY_TERMS).
 *      Never a scan of all stories.
 *   3. A candidate is active when the document's day lies within
 *      [first_day - window, last_day + window]; undated documents and
 *      undated stories match any day.
 *   4. Score = cosine(document, centroid). The best active candidate wins
 *      when score >= threshold; otherwise the document opens a new story.
 *   5. The story's sum vector gains the document's unit vector; the
 *      centroid is the top CENTROID_TERMS of the sum, L2-normalised, so
 *      long-running stories stay cheap to compare and drift slowly.
 *
 * Constants are tuned on data; see cluster_opts_default and
 * docs/internals/cluster.md. */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "vec.h"

#define KEY_TERMS 10       /* index/query terms per document */
#define CENTROID_TERMS 100 /* terms kept in a story centroid */

struct cstory {
    int64_t id;        /* story id given by the caller */
    int64_t first_day; /* earliest member day, CLUSTER_NO_DAY when none dated */
    int64_t last_day;  /* latest member day, CLUSTER_NO_DAY when none dated */
    struct vec sum;    /* owned; sum of member unit vectors */
    struct vec cent;   /* owned; top CENTROID_TERMS of sum, unit length */
    struct vec keys;   /* owned; term ids under which the story is indexed (weights unused) */
    size_t n_docs;     /* members */
    uint64_t stamp;    /* last query that visited it (candidate dedup) */
};

struct posting {
    uint32_t *v; /* owned; story indexes */
    size_t n;
    size_t cap;
};

struct cluster {
    struct cluster_opts o;
    struct vec_dict dict;     /* term -> id */
    uint64_t *df;             /* owned; document frequency per term id */
    struct posting *post;     /* owned; stories per term id */
    size_t cap_terms;         /* entries allocated in df and post */
    uint64_t n_docs;          /* documents counted for idf */
    struct cstory *stories;   /* owned array */
    size_t n_stories;
    size_t cap_stories;
    int64_t *ids;             /* owned open-addressing table story id -> index+1 (0 = empty) */
    uint32_t *id_slot;        /* owned; index+1 per slot of ids */
    size_t n_id_slots;        /* power of two */
    uint64_t stamp;           /* query counter */
    double last_score;        /* best candidate cosine of the last assign, -1 if none */
    struct vec doc;           /* owned scratch: the current document vector */
};

void cluster_opts_default(struct cluster_opts *o)
{
    /* Tuned in docs/internals/cluster.md. The five seeds (one event, five
     * outlets, N = 5 so idf is nearly flat) join one story with cosines
     * 0.30, 0.35, 0.44, 0.37 against the growing centroid; on detik1000
     * (1,000 Detik articles, many events) 0.20 lets topical threads grow
     * to 43 articles, 0.25 gives 596 stories with the largest 34 (one
     * bansos/BLT payout thread), 0.30 gives 641 with the largest 22 but
     * leaves the seeds no margin. 0.25 keeps both. */
    o->threshold = 0.25;
    /* A news event rarely gets fresh coverage more than a week after its
     * last article; undated documents ignore the window. */
    o->window_days = 7;
}

struct cluster *cluster_new(const struct cluster_opts *o)
{
    struct cluster *c = kb_calloc(1, sizeof *c);

    if (o) c->o = *o;
    else cluster_opts_default(&c->o);
    vec_dict_init(&c->dict);
    vec_init(&c->doc);
    return c;
}

void cluster_free(struct cluster *c)
{
    size_t i;

    if (!c) return;
    for (i = 0; i < c->n_stories; i++) {
        vec_release(&c->stories[i].sum);
        vec_release(&c->stories[i].cent);
        vec_release(&c->stories[i].keys);
    }
    for (i = 0; i < c->dict.n; i++) free(c->post[i].v);
    free(c->stories);
    free(c->post);
    free(c->df);
    free(c->ids);
    free(c->id_slot);
    vec_release(&c->doc);
    vec_dict_release(&c->dict);
    free(c);
}

static uint32_t term_id(struct cluster *c, const char *term, size_t len)
{
    uint32_t id = vec_dict_intern(&c->dict, term, len);

    if (id >= c->cap_terms) {
        size_t old = c->cap_terms;
        c->cap_terms = old ? old * 2 : 1024;
        while (c->cap_terms <= id) c->cap_terms *= 2;
        c->df = kb_realloc(c->df, c->cap_terms * sizeof *c->df);
        c->post = kb_realloc(c->post, c->cap_terms * sizeof *c->post);
        memset(c->df + old, 0, (c->cap_terms - old) * sizeof *c->df);
        memset(c->post + old, 0, (c->cap_terms - old) * sizeof *c->post);
    }
    return id;
}

void cluster_set_df(struct cluster *c, const char *term, size_t len, uint64_t df)
{
    uint32_t id = term_id(c, term, len); /* may move c->df: look it up first */
    c->df[id] = df;
}

void cluster_set_ndocs(struct cluster *c, uint64_t n)
{
    c->n_docs = n;
}

/* --- story id -> index ------------------------------------------------ */

static size_t id_hash(int64_t id, size_t mask)
{
    uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ull; /* Fibonacci hashing (Knuth) */
    return (size_t)(x >> 32) & mask;
}

static size_t id_find_slot(const struct cluster *c, int64_t id)
{
    size_t mask = c->n_id_slots - 1, i = id_hash(id, mask);

    while (c->id_slot[i] && c->ids[i] != id) i = (i + 1) & mask;
    return i;
}

static void id_grow(struct cluster *c)
{
    size_t old_n = c->n_id_slots, i;
    int64_t *old_ids = c->ids;
    uint32_t *old_slot = c->id_slot;

    c->n_id_slots = old_n ? old_n * 2 : 64;
    c->ids = kb_calloc(c->n_id_slots, sizeof *c->ids);
    c->id_slot = kb_calloc(c->n_id_slots, sizeof *c->id_slot);
    for (i = 0; i < old_n; i++) {
        if (old_slot[i]) {
            size_t j = id_find_slot(c, old_ids[i]);
            c->ids[j] = old_ids[i];
            c->id_slot[j] = old_slot[i];
        }
    }
    free(old_ids);
    free(old_slot);
}

static struct cstory *story_get(struct cluster *c, int64_t id, int create)
{
    size_t i;
    struct cstory *s;

    if ((c->n_stories + 1) * 2 > c->n_id_slots) id_grow(c);
    i = id_find_slot(c, id);
    if (c->id_slot[i]) return &c->stories[c->id_slot[i] - 1];
    if (!create) return NULL;
    if (c->n_stories == c->cap_stories) {
        c->cap_stories = c->cap_stories ? c->cap_stories * 2 : 64;
        c->stories = kb_realloc(c->stories, c->cap_stories * sizeof *c->stories);
    }
    s = &c->stories[c->n_stories];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->first_day = s->last_day = CLUSTER_NO_DAY;
    c->ids[i] = id;
    c->id_slot[i] = (uint32_t)++c->n_stories;
    return s;
}

/* --- vectors ------------------------------------------------------------ */

static double idf(const struct cluster *c, uint32_t id)
{
    double n = (double)c->n_docs, df = (double)c->df[id];

    if (df > n) n = df; /* restored counts may be inconsistent; never go negative */
    return log((1.0 + n) / (1.0 + df)) + 1.0;
}

/* Build c->doc from t[0..n); count_df adds the document to df first. */
static void make_doc(struct cluster *c, const struct cluster_term *t, size_t n, int count_df)
{
    size_t i, o;
    struct vec *d = &c->doc;

    vec_reset(d);
    for (i = 0; i < n; i++) {
        if (!t[i].term || t[i].len == 0 || t[i].count == 0) continue;
        vec_push(d, term_id(c, t[i].term, t[i].len), (float)t[i].count);
    }
    vec_finish(d); /* callers may list a term twice: counts add up */
    if (count_df) {
        for (i = 0; i < d->n; i++) c->df[d->v[i].id]++;
        c->n_docs++;
    }
    for (i = o = 0; i < d->n; i++) {
        double tf = d->v[i].w;
        d->v[i].w = (float)((1.0 + log(tf)) * idf(c, d->v[i].id));
        if (d->v[i].w > 0) d->v[o++] = d->v[i];
    }
    d->n = o;
    vec_normalize(d);
}

/* The ids of the document's KEY_TERMS heaviest terms, into keys[]. */
static size_t doc_keys(const struct vec *d, uint32_t keys[KEY_TERMS])
{
    size_t i, k = 0;

    /* partial selection: KEY_TERMS is tiny, so insertion into a sorted
     * top list beats sorting the whole vector */
    float kw[KEY_TERMS];
    for (i = 0; i < d->n; i++) {
        size_t j;
        float w = d->v[i].w;
        if (k == KEY_TERMS && w <= kw[k - 1]) continue;
        j = k < KEY_TERMS ? k++ : k - 1;
        while (j > 0 && kw[j - 1] < w) {
            kw[j] = kw[j - 1];
            keys[j] = keys[j - 1];
            j--;
        }
        kw[j] = w;
        keys[j] = d->v[i].id;
    }
    return k;
}

static void add_member(struct cluster *c, struct cstory *s, int64_t day)
{
    uint32_t keys[KEY_TERMS];
    size_t k = doc_keys(&c->doc, keys), i;
    uint32_t idx = (uint32_t)(s - c->stories);

    vec_add(&s->sum, &c->doc);
    vec_copy(&s->cent, &s->sum);
    vec_top(&s->cent, CENTROID_TERMS);
    vec_normalize(&s->cent);
    s->n_docs++;
    if (day != CLUSTER_NO_DAY) {
        if (s->first_day == CLUSTER_NO_DAY || day < s->first_day) s->first_day = day;
        if (s->last_day == CLUSTER_NO_DAY || day > s->last_day) s->last_day = day;
    }
    for (i = 0; i < k; i++) {
        struct posting *p;
        if (vec_get(&s->keys, keys[i]) != 0) continue;
        vec_push(&s->keys, keys[i], 1);
        vec_finish(&s->keys);
        p = &c->post[keys[i]];
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 4;
            p->v = kb_realloc(p->v, p->cap * sizeof *p->v);
        }
        p->v[p->n++] = idx;
    }
}

void cluster_restore(struct cluster *c, int64_t story, int64_t day, const struct cluster_term *t,
                     size_t n)
{
    make_doc(c, t, n, 0);
    add_member(c, story_get(c, story, 1), day);
}

static int active(const struct cluster *c, const struct cstory *s, int64_t day)
{
    int64_t w = c->o.window_days;

    if (w <= 0 || day == CLUSTER_NO_DAY || s->first_day == CLUSTER_NO_DAY) return 1;
    return day >= s->first_day - w && day <= s->last_day + w;
}

int64_t cluster_assign(struct cluster *c, int64_t day, const struct cluster_term *t, size_t n,
                       int64_t new_story_id)
{
    uint32_t keys[KEY_TERMS];
    size_t k, i, j;
    struct cstory *best = NULL;
    double best_sim = -1;

    make_doc(c, t, n, 1);
    k = doc_keys(&c->doc, keys);
    c->stamp++;
    for (i = 0; i < k; i++) {
        const struct posting *p = &c->post[keys[i]];
        for (j = 0; j < p->n; j++) {
            struct cstory *s = &c->stories[p->v[j]];
            double sim;
            if (s->stamp == c->stamp) continue;
            s->stamp = c->stamp;
            if (!active(c, s, day)) continue;
            sim = vec_dot(&c->doc, &s->cent);
            /* ties go to the larger story, then the older one: stable
             * regardless of posting order */
            if (sim > best_sim || (sim == best_sim && best && s->n_docs > best->n_docs)) {
                best_sim = sim;
                best = s;
            }
        }
    }
    c->last_score = best ? best_sim : -1;
    if (!best || best_sim < c->o.threshold) best = story_get(c, new_story_id, 1);
    add_member(c, best, day);
    return best->id;
}

double cluster_last_score(const struct cluster *c)
{
    return c->last_score;
}
