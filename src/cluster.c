/* cluster.c -- online, time-aware story clustering over TF-IDF vectors.
 *
 * Owns: the term dictionary (vec.h), document frequencies, the stories
 * (id, first/last day, sums of member vectors, lazily rebuilt centroids)
 * and an inverted index term -> stories used to find candidates. Also the
 * document representation (cluster_doc_terms): word terms plus entity terms
 * taken from capitalisation.
 *
 * Algorithm (single pass, one document at a time, in date order):
 *   1. The document is counted into df and n_docs; its word terms and its
 *      entity terms (CLUSTER_ENTITY_PREFIX) become two vectors, each weighted
 *      with sublinear tf and smoothed idf
 *          w(t) = (1 + ln tf) * (ln((1 + N) / (1 + df)) + 1)
 *      and L2-normalised on its own. The smoothed idf (the scikit-learn
 *      form) keeps terms that occur in every document at weight 1 instead of
 *      0, so a batch of five articles that all share "korea utara" still
 *      clusters. Entities get their own vector so that a handful of names
 *      is not drowned by a few hundred words.
 *   2. Candidates: every story indexed under one of the document's top
 *      KEY_TERMS words or top KEY_ENTITIES entities (the inverted index
 *      lists, for each term, the stories one of whose members had it among
 *      its own top terms). Never a scan of all stories.
 *   3. A candidate is out when the document is more than window_days from
 *      the story's member days, or when taking it would stretch the story
 *      over more than max_span_days. Undated documents and undated stories
 *      pass both tests.
 *   4. Score = decay(gap) * sim, where
 *          sim = cos(words) + b * cos(entities)
 *      (a bonus, not a blend: a true follow-up often has a lower entity
 *      than word cosine, because each article names its own witnesses and
 *      officials; shared names are extra evidence, so the score can exceed
 *      1 slightly)
 *          decay = 2^(-gap / half_life), gap = days from the document to the
 *                  nearest day of the story's [first_day, last_day].
 *      The best candidate wins when score >= threshold; otherwise the
 *      document opens a new story. Decay and the span cap are what keep a
 *      recurring topic (monthly inflation figures) from chaining into one
 *      "story" of months: the old design only had a window that moved with
 *      last_day.
 *   5. The story's sums gain the document's unit vectors and the story is
 *      marked stale; its centroids (top CENTROID_TERMS words, top
 *      CENTROID_ENTITIES entities, unit length) are rebuilt only when a later
 *      document compares with it. Restoring thousands of members from the
 *      store therefore sorts each story once, not once per member.
 *
 * Constants are tuned on data; see cluster_opts_default and
 * docs/internals/cluster.md (bench/cluster_eval.py measures them). */
#include "cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "mem.h"
#include "span.h"
#include "stopwords.h"
#include "terms.h"
#include "tok.h"
#include "vec.h"

#define KEY_TERMS 10         /* index/query word terms per document */
#define KEY_ENTITIES 5       /* index/query entity terms per document */
#define CENTROID_TERMS 100   /* word terms kept in a story centroid */
#define CENTROID_ENTITIES 30 /* entity terms kept in a story centroid */
#define MAX_KEYS (KEY_TERMS + KEY_ENTITIES)

struct cstory {
    int64_t id;        /* story id given by the caller */
    int64_t first_day; /* earliest member day, CLUSTER_NO_DAY when none dated */
    int64_t last_day;  /* latest member day, CLUSTER_NO_DAY when none dated */
    struct vec sum;    /* owned; sum of member word unit vectors */
    struct vec sum_e;  /* owned; sum of member entity unit vectors */
    struct vec cent;   /* owned; top CENTROID_TERMS of sum, unit length (valid unless stale) */
    struct vec cent_e; /* owned; top CENTROID_ENTITIES of sum_e, unit length (same) */
    struct vec keys;   /* owned; term ids under which the story is indexed (weights unused) */
    size_t n_docs;     /* members */
    uint64_t stamp;    /* last query that visited it (candidate dedup) */
    int stale;         /* members added since cent/cent_e were built */
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
    struct vec doc;           /* owned scratch: the current document's word vector */
    struct vec doc_e;         /* owned scratch: the current document's entity vector */
};

void cluster_opts_default(struct cluster_opts *o)
{
    /* Tuned with bench/cluster_eval.py (docs/internals/cluster.md has the
     * tables). examples/corpus (4 events + 2 singletons): every setting
     * below gives pairwise F1 1.000; the weakest correct join scores 0.323,
     * the strongest wrong candidate 0.083. Seeds (one event, undated): the
     * hardest seed scores 0.446 with entities, 0.316 without. news-id
     * (4,221 articles): the old design made a 666-article, 163-day "story"
     * of daily gold prices; detik1000's LLM entity lists say which same-
     * story pairs are plausible (random pairs share an entity 6.4% of the
     * time). */
    o->threshold = 0.25; /* 0.22: detik pairs sharing an entity fall 0.75 -> 0.57;
                            0.30: examples still 1.000 but detik pairs 933 -> 705 */
    o->window_days = 7;  /* hard limit; with a 2-day half-life a 7-day gap already
                            scales the score by 0.09 */
    o->half_life_days = 2; /* 1 splits flood A (examples F1 0.892); 3 and 7 join more
                              loosely: detik share 0.67 and 0.65 */
    o->max_span_days = 10; /* 0 lets the gold series chain for 75 days (427 articles);
                              7, 10 and 14 leave detik1000 unchanged (933 pairs) */
    o->entity_weight = 0.3; /* 0: 671 detik pairs, 71.8% share an entity; 0.3: 933 and
                               75.0%; 0.6: 1,578 but 61.2% */
}

struct cluster *cluster_new(const struct cluster_opts *o)
{
    struct cluster *c = kb_calloc(1, sizeof *c);

    if (o) c->o = *o;
    else cluster_opts_default(&c->o);
    vec_dict_init(&c->dict);
    vec_init(&c->doc);
    vec_init(&c->doc_e);
    if (c->o.entity_weight < 0) c->o.entity_weight = 0;
    if (c->o.entity_weight > 1) c->o.entity_weight = 1;
    return c;
}

void cluster_free(struct cluster *c)
{
    size_t i;

    if (!c) return;
    for (i = 0; i < c->n_stories; i++) {
        vec_release(&c->stories[i].sum);
        vec_release(&c->stories[i].sum_e);
        vec_release(&c->stories[i].cent);
        vec_release(&c->stories[i].cent_e);
        vec_release(&c->stories[i].keys);
    }
    for (i = 0; i < c->dict.n; i++) free(c->post[i].v);
    free(c->stories);
    free(c->post);
    free(c->df);
    free(c->ids);
    free(c->id_slot);
    vec_release(&c->doc);
    vec_release(&c->doc_e);
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

static int is_entity(const char *term, size_t len)
{
    return len > CLUSTER_ENTITY_PREFIX_LEN &&
           memcmp(term, CLUSTER_ENTITY_PREFIX, CLUSTER_ENTITY_PREFIX_LEN) == 0;
}

/* Turn the counts in d into unit-length TF-IDF weights. */
static void weigh(const struct cluster *c, struct vec *d)
{
    size_t i, o;

    for (i = o = 0; i < d->n; i++) {
        double tf = d->v[i].w;
        d->v[i].w = (float)((1.0 + log(tf)) * idf(c, d->v[i].id));
        if (d->v[i].w > 0) d->v[o++] = d->v[i];
    }
    d->n = o;
    vec_normalize(d);
}

/* Build c->doc (words) and c->doc_e (entities) from t[0..n); count_df adds
 * the document to df first. */
static void make_doc(struct cluster *c, const struct cluster_term *t, size_t n, int count_df)
{
    size_t i;

    vec_reset(&c->doc);
    vec_reset(&c->doc_e);
    for (i = 0; i < n; i++) {
        if (!t[i].term || t[i].len == 0 || t[i].count == 0) continue;
        vec_push(is_entity(t[i].term, t[i].len) ? &c->doc_e : &c->doc,
                 term_id(c, t[i].term, t[i].len), (float)t[i].count);
    }
    vec_finish(&c->doc); /* callers may list a term twice: counts add up */
    vec_finish(&c->doc_e);
    if (count_df) {
        for (i = 0; i < c->doc.n; i++) c->df[c->doc.v[i].id]++;
        for (i = 0; i < c->doc_e.n; i++) c->df[c->doc_e.v[i].id]++;
        c->n_docs++;
    }
    weigh(c, &c->doc);
    weigh(c, &c->doc_e);
}

/* Append the ids of the max heaviest terms of d to keys (k in use);
 * returns the new k. */
static size_t top_keys(const struct vec *d, size_t max, uint32_t *keys, size_t k)
{
    float kw[MAX_KEYS];
    size_t i, n = 0;

    /* partial selection: max is tiny, so insertion into a sorted top list
     * beats sorting the whole vector */
    for (i = 0; i < d->n; i++) {
        size_t j;
        float w = d->v[i].w;
        if (n == max && w <= kw[n - 1]) continue;
        j = n < max ? n++ : n - 1;
        while (j > 0 && kw[j - 1] < w) {
            kw[j] = kw[j - 1];
            keys[k + j] = keys[k + j - 1];
            j--;
        }
        kw[j] = w;
        keys[k + j] = d->v[i].id;
    }
    return k + n;
}

/* The ids of the current document's key terms (words, then entities). */
static size_t doc_keys(const struct cluster *c, uint32_t keys[MAX_KEYS])
{
    return top_keys(&c->doc_e, KEY_ENTITIES, keys, top_keys(&c->doc, KEY_TERMS, keys, 0));
}

static void add_member(struct cluster *c, struct cstory *s, int64_t day)
{
    uint32_t keys[MAX_KEYS];
    size_t k = doc_keys(c, keys), i;
    uint32_t idx = (uint32_t)(s - c->stories);

    vec_add(&s->sum, &c->doc);
    vec_add(&s->sum_e, &c->doc_e);
    s->stale = 1; /* centroids are rebuilt when a document next compares */
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

static void centroid(struct vec *cent, const struct vec *sum, size_t keep)
{
    vec_copy(cent, sum);
    vec_top(cent, keep);
    vec_normalize(cent);
}

static void refresh(struct cstory *s)
{
    if (!s->stale) return;
    centroid(&s->cent, &s->sum, CENTROID_TERMS);
    centroid(&s->cent_e, &s->sum_e, CENTROID_ENTITIES);
    s->stale = 0;
}

void cluster_restore(struct cluster *c, int64_t story, int64_t day, const struct cluster_term *t,
                     size_t n)
{
    make_doc(c, t, n, 0);
    add_member(c, story_get(c, story, 1), day);
}

/* Days from day to the story's [first_day, last_day], or -1 when the story
 * cannot take the document (outside the window, or it would span too long). */
static int64_t story_gap(const struct cluster *c, const struct cstory *s, int64_t day)
{
    int64_t gap = 0, lo, hi;

    if (day == CLUSTER_NO_DAY || s->first_day == CLUSTER_NO_DAY) return 0;
    if (day < s->first_day) gap = s->first_day - day;
    else if (day > s->last_day) gap = day - s->last_day;
    if (c->o.window_days > 0 && gap > c->o.window_days) return -1;
    lo = day < s->first_day ? day : s->first_day;
    hi = day > s->last_day ? day : s->last_day;
    if (c->o.max_span_days > 0 && hi - lo > c->o.max_span_days) return -1;
    return gap;
}

/* Word cosine plus weighted entity cosine of the current document to s, before decay. */
static double story_sim(struct cluster *c, struct cstory *s)
{
    double w = vec_dot(&c->doc, &s->cent), b = c->o.entity_weight;

    if (b <= 0 || c->doc_e.n == 0 || s->cent_e.n == 0) return w;
    return w + b * vec_dot(&c->doc_e, &s->cent_e);
}

int64_t cluster_assign(struct cluster *c, int64_t day, const struct cluster_term *t, size_t n,
                       int64_t new_story_id)
{
    uint32_t keys[MAX_KEYS];
    size_t k, i, j;
    struct cstory *best = NULL;
    double best_sim = -1;

    make_doc(c, t, n, 1);
    k = doc_keys(c, keys);
    c->stamp++;
    for (i = 0; i < k; i++) {
        const struct posting *p = &c->post[keys[i]];
        for (j = 0; j < p->n; j++) {
            struct cstory *s = &c->stories[p->v[j]];
            int64_t gap;
            double sim;
            if (s->stamp == c->stamp) continue;
            s->stamp = c->stamp;
            gap = story_gap(c, s, day);
            if (gap < 0) continue;
            refresh(s);
            sim = story_sim(c, s);
            if (gap > 0 && c->o.half_life_days > 0) sim *= exp2(-(double)gap / c->o.half_life_days);
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

/* --- the document representation --------------------------------------------------
 *
 * Entities come from capitalisation, the one cue Indonesian news gives for
 * names without a tagger: mid-sentence capitalised words ("banjir di Lembah
 * Sari", "kata Kepala BPBD Jawa Tengah") and acronyms. A run is a sequence of
 * capitalised words separated only by spaces. From a run we emit each
 * adjacent pair of words rather than the whole run, so that "Bupati Lembah
 * Sari Hartono" and "Pemkab Lembah Sari" still share "lembah sari". Noise we
 * avoid: a single capitalised word at a sentence start (an ordinary word);
 * leading function words ("Di Lembah Sari" -> "lembah sari"); day and month
 * names, which every article of a week shares; ALL-CAPS captions and long
 * Title Case headings, where capitals carry no information (only acronyms
 * survive there). Titles are Title Case throughout, so they contribute
 * acronyms only. */

#define RUN_MAX 6   /* a longer run is a heading, not a name */
#define SHOUT_MIN 3 /* this many ALL-CAPS words in a row: a caption, not acronyms */

struct ent_tok {
    size_t off, len; /* the word in the text */
    int acronym;     /* two or more capitals and no lower-case letter */
};

struct ent_scan {
    const char *s;                /* borrowed text */
    int (*fn)(void *, const char *, size_t, size_t, size_t);
    void *ctx;
    struct ent_tok run[RUN_MAX];  /* the current run */
    size_t n;                     /* words in run */
    int heading;                  /* the run outgrew RUN_MAX: acronyms only */
    int sent_start;               /* the run's first word starts a sentence */
    size_t caps;                  /* ALL-CAPS words in a row so far */
    struct buf a, b, term;        /* owned scratch: folded words, the term */
};

/* Names that are capitalised but name a date, not an event. */
static int calendar_word(const char *w, size_t len)
{
    static const char *const words[] = {
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad",
        "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
        "september", "oktober", "november", "desember", "wib", "wita", "wit", "rp",
    };
    size_t i;

    for (i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == len && memcmp(words[i], w, len) == 0) return 1;
    return 0;
}

/* 1 when the word's first letter is upper case; *acronym when it has at
 * least two upper-case letters and no lower-case one. */
static int capitalised(const char *s, size_t len, int *acronym)
{
    size_t i = 0;
    int first = -1, upper = 0, lower = 0;

    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        utf8proc_category_t cat;
        if (n <= 0) return *acronym = 0; /* invalid UTF-8: not a name */
        cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
            upper++;
            if (first < 0) first = 1;
        } else if (cat == UTF8PROC_CATEGORY_LL) {
            lower++;
            if (first < 0) first = 0;
        }
        i += (size_t)n;
    }
    *acronym = upper >= 2 && lower == 0;
    return first == 1;
}

static int fold(const struct ent_scan *e, const struct ent_tok *t, struct buf *out)
{
    return tok_fold(e->s + t->off, t->len, out) != 0 || out->len == 0 ? -1 : 0;
}

/* Emit CLUSTER_ENTITY_PREFIX + a [+ " " + b]; silently skips overlong terms. */
static int emit(struct ent_scan *e, const struct buf *a, const struct buf *b, size_t off,
                size_t tok_len)
{
    buf_reset(&e->term);
    if (CLUSTER_ENTITY_PREFIX_LEN + a->len + (b ? 1 + b->len : 0) > CLUSTER_ENTITY_MAX) return 0;
    if (buf_append(&e->term, CLUSTER_ENTITY_PREFIX, CLUSTER_ENTITY_PREFIX_LEN) ||
        buf_append(&e->term, a->ptr, a->len) ||
        (b && (buf_putc(&e->term, ' ') || buf_append(&e->term, b->ptr, b->len))))
        return 0;
    return e->fn(e->ctx, e->term.ptr, e->term.len, off, tok_len);
}

static int emit_one(struct ent_scan *e, const struct ent_tok *t)
{
    if (fold(e, t, &e->a)) return 0;
    return emit(e, &e->a, NULL, t->off, t->len);
}

/* The current run is over: emit its entity terms and start afresh. */
static int flush(struct ent_scan *e)
{
    size_t i, first = 0;
    int rc = 0;

    if (e->heading) {
        for (i = 0; i < e->n && !rc; i++)
            if (e->run[i].acronym) rc = emit_one(e, &e->run[i]);
        goto out;
    }
    /* leading function words ("Di", "Menurut") are capitalised only by position */
    while (first < e->n && !e->run[first].acronym) {
        if (fold(e, &e->run[first], &e->a) || !stopword_is(e->a.ptr, e->a.len)) break;
        first++;
    }
    if (e->n - first == 1) {
        const struct ent_tok *t = &e->run[first];
        if (t->acronym || !(e->sent_start && first == 0)) rc = emit_one(e, t);
        goto out;
    }
    for (i = first; i + 1 < e->n && !rc; i++) {
        if (fold(e, &e->run[i], &e->a) || fold(e, &e->run[i + 1], &e->b)) continue;
        rc = emit(e, &e->a, &e->b, e->run[i].off, e->run[i + 1].off + e->run[i + 1].len - e->run[i].off);
    }
    for (i = first; i < e->n && !rc; i++)
        if (e->run[i].acronym) rc = emit_one(e, &e->run[i]);
out:
    e->n = 0;
    e->heading = 0;
    return rc;
}

/* Scan s[0..len) for entities; title mode keeps acronyms only. */
static int entities(const char *s, size_t len, int title, int (*fn)(void *, const char *, size_t, size_t, size_t),
                    void *ctx)
{
    struct ent_scan e;
    struct span t;
    size_t pos = 0, prev_end = 0;
    int rc = 0, first_tok = 1;

    memset(&e, 0, sizeof e);
    e.s = s;
    e.fn = fn;
    e.ctx = ctx;
    buf_init(&e.a, 0);
    buf_init(&e.b, 0);
    buf_init(&e.term, 0);
    while (rc == 0 && tok_next(s, len, &pos, &t)) {
        size_t i;
        int acronym = 0, cap = 0, joined = 1, sentence = first_tok;

        /* what lies between the previous word and this one decides whether
         * a run goes on and whether this word starts a sentence */
        for (i = prev_end; i < t.off; i++) {
            char ch = s[i];
            if (ch != ' ' && ch != '\t') joined = 0;
            if (ch == '.' || ch == '!' || ch == '?' || ch == ':' || ch == '\n' || ch == '"' ||
                ch == '\r' || (unsigned char)ch == 0xE2 /* curly quotes, dashes */)
                sentence = 1;
        }
        prev_end = t.off + t.len;
        first_tok = 0;
        if ((t.flags & TOK_WORD) && t.len <= TERMS_MAX_TOKEN) cap = capitalised(s + t.off, t.len, &acronym);
        if (cap && tok_fold(s + t.off, t.len, &e.a) == 0 && calendar_word(e.a.ptr, e.a.len))
            cap = acronym = 0;
        e.caps = acronym ? (joined ? e.caps + 1 : 1) : 0;
        if (e.caps >= SHOUT_MIN) { /* a caption in capitals: drop the run */
            e.n = 0;
            e.heading = 1;
            continue;
        }
        if (title) {
            if (acronym) rc = emit_one(&e, &(struct ent_tok){t.off, t.len, 1});
            continue;
        }
        if (e.n && (!cap || !joined)) rc = flush(&e);
        else if (!e.n && !cap && e.heading) e.heading = 0; /* a shouted run ended */
        if (rc || !cap) continue;
        if (e.n == 0) e.sent_start = sentence;
        if (e.n == RUN_MAX) { /* a heading: from here on, acronyms only */
            e.heading = 1;
            rc = flush(&e);
            e.heading = 1;
            if (rc) continue;
        }
        e.run[e.n].off = t.off;
        e.run[e.n].len = t.len;
        e.run[e.n].acronym = acronym;
        e.n++;
    }
    if (!rc && e.n) rc = flush(&e);
    buf_release(&e.a);
    buf_release(&e.b);
    buf_release(&e.term);
    return rc;
}

int cluster_doc_terms(struct stemmer *st, const char *title, const char *text, size_t len,
                      int (*fn)(void *ctx, const char *term, size_t len, size_t off, size_t tok_len),
                      void *ctx)
{
    size_t tlen = title ? strlen(title) : 0;
    int rc = 0;

    if (!fn) return 0;
    if (!text) len = 0;
    if (tlen) rc = terms_each(st, title, tlen, TERMS_NO_NUM, fn, ctx);
    if (!rc && len) rc = terms_each(st, text, len, TERMS_NO_NUM, fn, ctx);
    if (!rc && tlen) rc = entities(title, tlen, 1, fn, ctx);
    if (!rc && len) rc = entities(text, len, 0, fn, ctx);
    return rc;
}
