/* summ.c -- cited extractive summaries of a story.
 *
 * Owns nothing beyond one call: every structure below lives for the
 * duration of summ_story and is freed before it returns.
 *
 * Algorithm
 *  1. Voices. An article whose duplicate_of names another article of the
 *     story is a copy: its sentences are not read (they are the canonical
 *     article's), but it is cited wherever its canonical article is.
 *  2. Sentences. Each canonical article's cleaned text is cut with
 *     sent_split; sentence indexes are positions in that output, so
 *     (article, sentence) matches `kabar sentences`. At most MAX_PER_ARTICLE
 *     sentences per article are read. A sentence is a *candidate* for the
 *     summary unless it is a heading, a question or a piece of an over-long
 *     quotation (its speaker is in another piece), has fewer than
 *     MIN_WORDS or more than MAX_WORDS words, or looks like page junk
 *     (looks_junk: bylines, "Baca juga", captions in capitals, agency
 *     credits, urls, fragments that start in lower case).
 *  3. Vectors. Each sentence is a bag of terms (terms.h: folded, stemmed,
 *     stopwords dropped, numbers kept because figures identify a
 *     statement), weighted (1 + ln tf) * idf with the idf taken over the
 *     story's own sentences, ln((1+N)/(1+df)) + 1, and L2-normalised.
 *     Because the idf is local, the words every sentence of the story
 *     shares ("Korea Utara", "Rusia") weigh little, and two sentences only
 *     score high when they share the rarer words that make a statement.
 *  4. Near-paraphrase. cosine >= o->paraphrase_sim means "says the same
 *     thing" (tuned on the two translations of one wire text in the seeds;
 *     see summ_opts_default and docs/internals/summ.md) -- unless the two
 *     claims conflict: one negates a word the other asserts ("tidak
 *     menerima" / "menerima"), or each states a figure the other lacks
 *     ("120 rumah" / "450 rumah", "dua" / "empat").
 *     Negators are stopwords and figures weigh little in the cosine, so
 *     without this veto a source could be cited for the opposite fact.
 *  5. Score of a candidate, each term in [0, 1]:
 *       W_CENT * centrality  -- continuous LexRank: PageRank (damping 0.85)
 *                               over the cosine graph of the candidates,
 *                               divided by its maximum;
 *       W_SUPP * support     -- (distinct canonical articles carrying it or
 *                               a near-paraphrase - 1) / (articles - 1);
 *       W_POS  * position    -- 1 / sqrt(1 + index in its article): news
 *                               puts the event first.
 *  6. Selection (MMR, Carbonell & Goldstein 1998): repeatedly take the
 *     candidate maximising LAMBDA * score - (1 - LAMBDA) * max cosine to
 *     what is already picked; a near-paraphrase of a pick is never picked.
 *     Stop at max_sentences, or past min_sentences when the best remaining
 *     sentence would overflow the word budget.
 *  7. Order: article date (undated last), then position, then article id.
 *  8. Citations: for each pick, every canonical article holding a sentence
 *     with cosine >= paraphrase_sim to it (always including its own), plus
 *     all copies of those articles, ascending ids.
 *  9. Title (only when s->title is NULL): among the usable titles (<=
 *     TITLE_MAX_WORDS words, not junk) the one whose article is most
 *     central (cosine of its summed sentence vectors to the story's) and
 *     whose own words are closest to the story's wins,
 *     else the most central article's first candidate sentence cut to
 *     TITLE_MAX bytes at a word boundary. */
#include "summ.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "sent.h"
#include "span.h"
#include "terms.h"
#include "tok.h"
#include "vec.h"

#define MIN_WORDS 6          /* shorter sentences are fragments or captions */
#define MAX_WORDS 60         /* longer ones are usually glued paragraphs */
#define MAX_PER_ARTICLE 80   /* sentences read per article (bounds the O(n^2) graph) */
#define MAX_CANDIDATES 1500  /* candidates kept for the similarity graph */
#define W_CENT 0.45          /* score weights; see docs/internals/summ.md */
#define W_SUPP 0.35
#define W_POS 0.20
#define LAMBDA 0.7           /* MMR trade-off between score and novelty */
#define DAMPING 0.85         /* PageRank damping (Erkan & Radev 2004 use 0.85) */
#define PR_ITERS 40          /* power iterations; converges well before */
#define TITLE_MAX 100        /* bytes of a title cut from a sentence */
#define TITLE_MAX_WORDS 25   /* longer article "titles" are scraped paragraphs */

void summ_opts_default(struct summ_opts *o)
{
    o->min_sentences = 3;
    o->max_sentences = 7;
    o->word_budget = 120;
    /* Measured on the seeds (docs/internals/summ.md): the four sentence
     * pairs that 000 and 003 translate from one wire text score 0.75-0.92;
     * across the five seeds the best pair of different statements scores
     * 0.41, and two questions that share only "Mengapa Korea Utara" 0.51.
     * 0.55 sits above every non-paraphrase with margin below the lowest
     * true pair. */
    o->paraphrase_sim = 0.55;
}

#define MAX_NUMS 8 /* figures remembered per sentence for the conflict check */

/* What a near-paraphrase must not contradict: the figures a sentence
 * states and whether it is negated. Two sentences with the same words but
 * "120 rumah" against "450 rumah", or "menerima" against "tidak menerima",
 * report different facts -- one source must never be cited for the other. */
#define MAX_NEG 4      /* negated words remembered per sentence */
#define NEG_WORD_MAX 32 /* bytes of a negated word kept (longer: not compared) */

struct claim {
    double num[MAX_NUMS]; /* figures, digits and number words ("dua puluh" = 20) */
    unsigned n_num;       /* entries in num */
    char neg[MAX_NEG][NEG_WORD_MAX]; /* lower-cased words right after a negator */
    unsigned n_neg;       /* entries in neg */
    const char *text;     /* borrowed; the sentence, for the negation check */
    size_t len;           /* bytes of text */
};

struct sent {
    size_t art;      /* index into story->articles */
    size_t idx;      /* 0-based index in the article's sent_split output */
    size_t off;      /* bytes into the article text */
    size_t len;      /* bytes */
    size_t words;    /* whitespace-separated words */
    int cand;        /* may be picked */
    struct vec v;    /* owned; unit TF-IDF vector (term ids in the call's dict) */
    struct claim c;  /* figures and negation, for the paraphrase veto */
};

struct work {
    struct story *s;          /* borrowed */
    struct stemmer *st;       /* borrowed */
    struct vec_dict dict;     /* term dictionary for this story */
    struct sent *v;           /* owned array */
    size_t n;
    size_t cap;
    size_t *voice;            /* owned; per article: index of its canonical article */
    size_t n_canon;           /* canonical articles with text */
    struct vec cur;           /* owned scratch for terms_each */
};

/* --- sentence filters --------------------------------------------------- */

static size_t count_words(const char *t, size_t len)
{
    size_t i, n = 0;
    int in = 0;

    for (i = 0; i < len; i++) {
        int sp = t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static int has_ci(const char *t, size_t len, const char *pat)
{
    size_t m = strlen(pat), i, j;

    for (i = 0; i + m <= len; i++) {
        for (j = 0; j < m; j++)
            if (tolower((unsigned char)t[i + j]) != pat[j]) break;
        if (j == m) return 1;
    }
    return 0;
}

/* 1 when a sentence reads as page furniture rather than news. Cleaning
 * removes most of it; this is the summary's own guard, so a missed
 * caption never becomes the headline sentence. */
static int looks_junk(const char *t, size_t len, int cased)
{
    static const char *const pats[] = {
        "baca juga", "baca selengkapnya", "tonton:", "simak juga", "lihat juga", "reporter:",
        "editor:", "penulis:", "sumber:", "foto:", "copyright", "hak cipta", "http://",
        "https://", "www.", "leave a reply", "klik di sini", "(*)"};
    size_t i, caps = 0, w;

    for (i = 0; i < sizeof pats / sizeof *pats; i++)
        if (has_ci(t, len, pats[i])) return 1;
    /* a fragment cut mid-sentence -- only where the outlet writes in normal
     * case: some outlets' text is all lower case, and there every sentence
     * starts that way */
    if (cased && len && t[0] >= 'a' && t[0] <= 'z') return 1;
    /* list and table items ("- harga emas 1 gram: rp1.904.000."): a price
     * list is not a statement a reader can be told */
    if (len && (t[0] == '-' || t[0] == '*' || (len >= 3 && memcmp(t, "\xE2\x80\xA2", 3) == 0)))
        return 1;
    {
        size_t digits = 0, letters = 0;
        for (i = 0; i < len; i++) {
            if (t[i] >= '0' && t[i] <= '9') digits++;
            else if (isalpha((unsigned char)t[i])) letters++;
        }
        if (digits * 2 > letters) return 1; /* mostly figures: a table row */
    }
    /* agency credit glued to a caption: "... Ukraina.-AGENCE FRANCE-PRESSE-" */
    if (len >= 2 && t[len - 1] == '-') return 1;
    /* a caption opens with words in capitals ("WAJAH PRAJURIT Korea ...") */
    for (i = 0; i < len && caps < 2;) {
        size_t upper = 0;
        for (w = i; w < len && t[w] != ' '; w++)
            if (isupper((unsigned char)t[w])) upper++;
            else if (isalpha((unsigned char)t[w])) break;
        if (w < len && t[w] != ' ') break; /* word has a lower-case letter */
        if (upper < 2) break;
        caps++;
        i = w + 1;
    }
    return caps >= 2;
}

/* --- claims: figures and negation ---------------------------------------- */

static const struct {
    const char *w;
    double v;
} NUMBER_WORDS[] = {
    {"satu", 1},     {"dua", 2},      {"tiga", 3},      {"empat", 4},    {"lima", 5},
    {"enam", 6},     {"tujuh", 7},    {"delapan", 8},   {"sembilan", 9}, {"sepuluh", 10},
    {"sebelas", 11}, {"seratus", 100}, {"seribu", 1000}, {"sejuta", 1e6},
};

static const struct {
    const char *w;
    double v;
} MULTIPLIERS[] = {
    {"belas", -10}, /* "dua belas" = 2 + 10: marked negative, added not multiplied */
    {"puluh", 10},  {"ratus", 100}, {"ribu", 1e3},  {"rb", 1e3},
    {"juta", 1e6},  {"jt", 1e6},    {"miliar", 1e9}, {"triliun", 1e12},
};

static const char *const NEGATORS[] = {"tidak", "tak", "bukan", "belum", "tanpa", "jangan", "tiada",
                                       "enggak", "nggak", "gak"};

static int word_is(const char *t, size_t len, const char *w)
{
    size_t i, m = strlen(w);
    if (len != m) return 0;
    for (i = 0; i < m; i++)
        if (tolower((unsigned char)t[i]) != w[i]) return 0;
    return 1;
}

/* Value of a digit token in Indonesian notation: '.' groups thousands, ','
 * is the decimal mark ("2.870" = 2870, "1,5" = 1.5). */
static double digits_value(const char *t, size_t len)
{
    double v = 0, scale = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        if (t[i] >= '0' && t[i] <= '9') {
            if (scale > 0) {
                v += (t[i] - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (t[i] - '0');
            }
        } else if (t[i] == ',' && scale == 0) {
            scale = 0.1;
        }
    }
    return v;
}

static void add_num(struct claim *c, double v)
{
    if (c->n_num < MAX_NUMS) c->num[c->n_num++] = v;
}

/* The claim of sentence t[0..len): tokens left to right; a figure followed
 * by a multiplier word is scaled ("1,5 juta", "dua puluh"); the word after
 * a negator is remembered ("tidak menerima" -> "menerima"). */
static void read_claim(const char *t, size_t len, struct claim *c, struct spans *tok)
{
    size_t k, i;
    int have = 0, negate_next = 0; /* the last token was a figure / a negator */
    double cur = 0;

    memset(c, 0, sizeof *c);
    c->text = t;
    c->len = len;
    spans_reset(tok);
    tok_split(t, len, tok);
    for (k = 0; k < tok->n; k++) {
        const char *p = t + tok->v[k].off;
        size_t n = tok->v[k].len;
        int mult = -1, word = -1, negator = 0;
        if (tok->v[k].flags & TOK_NUM) {
            if (have) add_num(c, cur);
            cur = digits_value(p, n);
            have = 1;
            negate_next = 0;
            continue;
        }
        for (i = 0; i < sizeof MULTIPLIERS / sizeof *MULTIPLIERS; i++)
            if (word_is(p, n, MULTIPLIERS[i].w)) mult = (int)i;
        if (mult >= 0 && have) {
            double m = MULTIPLIERS[mult].v;
            cur = m < 0 ? cur - m : cur * m;
            continue;
        }
        for (i = 0; i < sizeof NUMBER_WORDS / sizeof *NUMBER_WORDS; i++)
            if (word_is(p, n, NUMBER_WORDS[i].w)) word = (int)i;
        if (have) add_num(c, cur);
        have = 0;
        if (word >= 0) {
            cur = NUMBER_WORDS[word].v;
            have = 1;
            negate_next = 0;
            continue;
        }
        for (i = 0; i < sizeof NEGATORS / sizeof *NEGATORS; i++)
            if (word_is(p, n, NEGATORS[i])) negator = 1;
        if (negator) {
            negate_next = 1;
            continue;
        }
        if (negate_next && c->n_neg < MAX_NEG && n < NEG_WORD_MAX) {
            for (i = 0; i < n; i++) c->neg[c->n_neg][i] = (char)tolower((unsigned char)p[i]);
            c->neg[c->n_neg][n] = '\0';
            c->n_neg++;
        }
        negate_next = 0;
    }
    if (have) add_num(c, cur);
}

static int has_num(const struct claim *c, double v)
{
    unsigned i;
    for (i = 0; i < c->n_num; i++)
        if (fabs(c->num[i] - v) <= 1e-9 * (fabs(v) + 1)) return 1;
    return 0;
}

/* 1 when c states word w without negating it. */
static int asserts_word(const struct claim *c, const char *w, struct spans *tok)
{
    size_t k, n = strlen(w);
    unsigned i;

    for (i = 0; i < c->n_neg; i++)
        if (strcmp(c->neg[i], w) == 0) return 0;
    spans_reset(tok);
    tok_split(c->text, c->len, tok);
    for (k = 0; k < tok->n; k++)
        if (tok->v[k].len == n && word_is(c->text + tok->v[k].off, n, w)) return 1;
    return 0;
}

/* 1 when two claims contradict: one negates a word the other asserts
 * ("tidak menerima" / "menerima"; "belum ditemukan" / "masih dicari" is no
 * contradiction), or each states a figure the other lacks (a sentence that
 * only omits a figure, or adds one, may still say the same). */
static int claims_conflict(const struct claim *a, const struct claim *b)
{
    struct spans tok = SPANS_INIT;
    unsigned i;
    int a_extra = 0, b_extra = 0, neg = 0;

    for (i = 0; i < a->n_num; i++) a_extra |= !has_num(b, a->num[i]);
    for (i = 0; i < b->n_num; i++) b_extra |= !has_num(a, b->num[i]);
    if (a_extra && b_extra) return 1;
    for (i = 0; !neg && i < a->n_neg; i++) neg = asserts_word(b, a->neg[i], &tok);
    for (i = 0; !neg && i < b->n_neg; i++) neg = asserts_word(a, b->neg[i], &tok);
    spans_release(&tok);
    return neg;
}

/* "Says the same thing": near-paraphrase by cosine, not contradicted. */
static int same_statement(const struct sent *a, const struct sent *b, double thr)
{
    return vec_dot(&a->v, &b->v) >= thr && !claims_conflict(&a->c, &b->c);
}

/* --- vectors ------------------------------------------------------------ */

static int on_term(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct work *w = ctx;

    vec_push(&w->cur, vec_dict_intern(&w->dict, term, len), 1);
    return 0;
}

/* Term counts of t[0..len) into out (finished, raw counts). */
static void count_terms(struct work *w, const char *t, size_t len, struct vec *out)
{
    vec_reset(&w->cur);
    (void)terms_each(w->st, t, len, 0, on_term, w);
    vec_finish(&w->cur);
    vec_copy(out, &w->cur);
}

/* Turn raw counts into unit TF-IDF vectors, idf over the sentences. */
static void weight_all(struct sent *v, size_t n, size_t n_terms)
{
    uint32_t *df = kb_calloc(n_terms + 1, sizeof *df);
    size_t i, k;

    for (i = 0; i < n; i++)
        for (k = 0; k < v[i].v.n; k++) df[v[i].v.v[k].id]++;
    for (i = 0; i < n; i++) {
        for (k = 0; k < v[i].v.n; k++) {
            struct vec_ent *e = &v[i].v.v[k];
            double idf = log((1.0 + (double)n) / (1.0 + df[e->id])) + 1.0;
            e->w = (float)((1.0 + log(e->w)) * idf);
        }
        vec_normalize(&v[i].v);
    }
    free(df);
}

double summ_pair_sim(struct stemmer *st, const char *const *texts, const size_t *lens, size_t n,
                     size_t i, size_t j)
{
    struct work w;
    struct sent *v;
    size_t k;
    double sim;

    if (i >= n || j >= n) return 0;
    memset(&w, 0, sizeof w);
    w.st = st;
    vec_dict_init(&w.dict);
    v = kb_calloc(n, sizeof *v);
    for (k = 0; k < n; k++) count_terms(&w, texts[k], lens[k], &v[k].v);
    weight_all(v, n, w.dict.n);
    sim = vec_dot(&v[i].v, &v[j].v);
    {
        struct spans tok = SPANS_INIT;
        read_claim(texts[i], lens[i], &v[i].c, &tok);
        read_claim(texts[j], lens[j], &v[j].c, &tok);
        spans_release(&tok);
        if (claims_conflict(&v[i].c, &v[j].c)) sim = 0;
    }
    for (k = 0; k < n; k++) vec_release(&v[k].v);
    free(v);
    vec_release(&w.cur);
    vec_dict_release(&w.dict);
    return sim;
}

/* --- reading the story -------------------------------------------------- */

static void find_voices(struct work *w)
{
    struct story *s = w->s;
    size_t i, j;

    w->voice = kb_malloc((s->n_articles + 1) * sizeof *w->voice);
    for (i = 0; i < s->n_articles; i++) {
        w->voice[i] = i;
        if (!s->articles[i].duplicate_of) continue;
        for (j = 0; j < s->n_articles; j++)
            if (j != i && s->articles[j].id == s->articles[i].duplicate_of &&
                !s->articles[j].duplicate_of) {
                w->voice[i] = j;
                break;
            }
    }
}

/* 1 when the article writes in normal case: most of its sentences start
 * with a capital (or a non-letter), rather than all in lower case. */
static int is_cased(const char *text, const struct spans *sp)
{
    size_t k, upper = 0, lower = 0;
    for (k = 0; k < sp->n; k++) {
        char c = text[sp->v[k].off];
        if (c >= 'a' && c <= 'z') lower++;
        else upper++;
    }
    return upper >= lower;
}

static void read_sentences(struct work *w)
{
    struct story *s = w->s;
    struct spans sp = SPANS_INIT, tok = SPANS_INIT;
    size_t i, k, n_cand = 0;
    int cased;

    for (i = 0; i < s->n_articles; i++) {
        const struct story_article *a = &s->articles[i];
        if (w->voice[i] != i || !a->text || a->text_len == 0) continue;
        spans_reset(&sp);
        sent_split(a->text, a->text_len, &sp);
        if (sp.n) w->n_canon++;
        cased = is_cased(a->text, &sp);
        for (k = 0; k < sp.n && k < MAX_PER_ARTICLE; k++) {
            struct sent *x;
            const char *t = a->text + sp.v[k].off;
            size_t len = sp.v[k].len;
            if (w->n == w->cap) {
                w->cap = w->cap ? w->cap * 2 : 64;
                w->v = kb_realloc(w->v, w->cap * sizeof *w->v);
            }
            x = &w->v[w->n++];
            memset(x, 0, sizeof *x);
            x->art = i;
            x->idx = k;
            x->off = sp.v[k].off;
            x->len = len;
            x->words = count_words(t, len);
            x->cand = !(sp.v[k].flags & (SENT_HEADING | SENT_QUESTION | SENT_QUOTE_PART)) &&
                      x->words >= MIN_WORDS && x->words <= MAX_WORDS && !looks_junk(t, len, cased) &&
                      n_cand < MAX_CANDIDATES;
            n_cand += (size_t)x->cand;
            vec_init(&x->v);
            count_terms(w, t, len, &x->v);
            read_claim(t, len, &x->c, &tok);
        }
    }
    spans_release(&sp);
    spans_release(&tok);
    weight_all(w->v, w->n, w->dict.n);
}

/* --- scoring ------------------------------------------------------------ */

/* Continuous LexRank over the candidates c[0..m) with similarity matrix
 * sim (m x m, zero diagonal); result in pr[0..m), max-normalised. */
static void lexrank(const float *sim, size_t m, double *pr)
{
    double *deg = kb_calloc(m + 1, sizeof *deg), *next = kb_calloc(m + 1, sizeof *next), mx = 0;
    size_t i, j, it;

    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++) deg[i] += sim[i * m + j];
    for (i = 0; i < m; i++) pr[i] = 1.0 / (double)m;
    for (it = 0; it < PR_ITERS; it++) {
        double dangling = 0;
        for (i = 0; i < m; i++)
            if (deg[i] <= 0) dangling += pr[i];
        for (j = 0; j < m; j++) {
            double in = 0;
            for (i = 0; i < m; i++)
                if (deg[i] > 0) in += sim[i * m + j] / deg[i] * pr[i];
            /* a sentence similar to nothing spreads its rank evenly */
            next[j] = (1.0 - DAMPING) / (double)m + DAMPING * (in + dangling / (double)m);
        }
        memcpy(pr, next, m * sizeof *pr);
    }
    for (i = 0; i < m; i++)
        if (pr[i] > mx) mx = pr[i];
    for (i = 0; mx > 0 && i < m; i++) pr[i] /= mx;
    free(deg);
    free(next);
}

/* Number of distinct canonical articles with a sentence that says the same
 * as sentence x (x's own article included); marks them in seen[]. */
static size_t support(const struct work *w, size_t x, double thr, unsigned char *seen)
{
    size_t i, n = 0;

    memset(seen, 0, w->s->n_articles);
    seen[w->v[x].art] = 1;
    n = 1;
    for (i = 0; i < w->n; i++) {
        if (seen[w->v[i].art]) continue;
        if (same_statement(&w->v[x], &w->v[i], thr)) {
            seen[w->v[i].art] = 1;
            n++;
        }
    }
    return n;
}

struct pick {
    size_t sent;  /* index into work.v */
    double score; /* final score */
};

static const char *published_of(const struct work *w, size_t sent)
{
    const char *p = w->s->articles[w->v[sent].art].published;
    return p && *p ? p : NULL;
}

/* Reading order of two picks (C11 qsort has no context argument, and a
 * summary holds a handful of sentences, so this feeds an insertion sort). */
static int cmp_reading(const struct work *w, const struct pick *a, const struct pick *b)
{
    const struct sent *sa = &w->v[a->sent], *sb = &w->v[b->sent];
    const char *pa = published_of(w, a->sent), *pb = published_of(w, b->sent);
    int64_t ia = w->s->articles[sa->art].id, ib = w->s->articles[sb->art].id;

    if (pa && pb) {
        /* compare days only: a time of day on one outlet and none on
         * another must not reorder a story told the same day */
        int c = strncmp(pa, pb, 10);
        if (c) return c;
    } else if (pa || pb) {
        return pa ? -1 : 1;
    }
    if (sa->idx != sb->idx) return sa->idx < sb->idx ? -1 : 1;
    return (ia > ib) - (ia < ib);
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static void cite(struct work *w, const struct pick *p, double thr, unsigned char *seen)
{
    struct story *s = w->s;
    const struct sent *x = &w->v[p->sent];
    int64_t *ids = kb_malloc((s->n_articles + 1) * sizeof *ids);
    size_t i, n = 0;

    (void)support(w, p->sent, thr, seen);
    for (i = 0; i < s->n_articles; i++)
        if (seen[w->voice[i]]) ids[n++] = s->articles[i].id;
    qsort(ids, n, sizeof *ids, cmp_i64);
    story_add_sentence(s, s->articles[x->art].text + x->off, x->len, s->articles[x->art].id,
                       x->idx, ids, n, p->score);
    free(ids);
}

/* --- title ---------------------------------------------------------------- */

/* 1 when an article title can stand as the story title: a scraped "title"
 * is sometimes a whole paragraph or a byline. */
static int good_title(const char *t)
{
    size_t len;

    if (!t) return 0;
    len = strlen(t);
    return len > 0 && count_words(t, len) <= TITLE_MAX_WORDS && !looks_junk(t, len, 1);
}

struct rank {
    size_t art;  /* article index */
    double sim;  /* cosine to the story's summed vector */
};

static int cmp_rank(const void *x, const void *y)
{
    const struct rank *a = x, *b = y;
    if (a->sim != b->sim) return a->sim < b->sim ? 1 : -1;
    return (a->art > b->art) - (a->art < b->art);
}

static void make_title(struct work *w)
{
    struct story *s = w->s;
    struct vec total = VEC_INIT, *per = kb_calloc(s->n_articles + 1, sizeof *per);
    struct rank *r = kb_calloc(s->n_articles + 1, sizeof *r);
    size_t i, k, n = 0;

    for (i = 0; i < w->n; i++) {
        vec_add(&total, &w->v[i].v);
        vec_add(&per[w->v[i].art], &w->v[i].v);
    }
    vec_normalize(&total);
    for (i = 0; i < s->n_articles; i++) {
        if (w->voice[i] != i || per[i].n == 0) continue;
        vec_normalize(&per[i]);
        r[n].art = i;
        r[n++].sim = vec_dot(&per[i], &total);
    }
    qsort(r, n, sizeof *r, cmp_rank);
    /* the usable title that best names the story: its article's centrality
     * plus the title's own cosine to the story, so that a generic heading
     * taken as a title ("Poin-Poin Penting", "Berita Terkini") loses to a
     * headline that names the event */
    {
        double best = -1;
        size_t best_art = 0;
        struct vec tv = VEC_INIT;
        for (k = 0; k < n; k++) {
            const char *t = s->articles[r[k].art].title;
            double score;
            if (!good_title(t)) continue;
            count_terms(w, t, strlen(t), &tv);
            vec_normalize(&tv);
            score = r[k].sim + vec_dot(&tv, &total);
            if (score > best) {
                best = score;
                best_art = r[k].art;
            }
        }
        vec_release(&tv);
        if (best >= 0) s->title = kb_strdup(s->articles[best_art].title);
    }
    /* else the first candidate sentence of the most central article, cut */
    for (i = 0; n && !s->title && i < w->n; i++) {
        const struct sent *x = &w->v[i];
        const char *t;
        size_t len;
        if (x->art != r[0].art || !x->cand) continue;
        t = s->articles[x->art].text + x->off;
        len = x->len;
        if (len > TITLE_MAX) {
            /* cut at the last space before the limit, then mark the cut */
            size_t cut = TITLE_MAX;
            while (cut > 0 && t[cut] != ' ') cut--;
            if (cut == 0) {
                cut = TITLE_MAX;
                while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80) cut--;
            }
            s->title = kb_malloc(cut + 4);
            memcpy(s->title, t, cut);
            memcpy(s->title + cut, "...", 4);
        } else {
            s->title = kb_strndup(t, len);
        }
    }
    /* no sentences at all: any title an article has */
    for (i = 0; !s->title && i < s->n_articles; i++)
        if (s->articles[i].title && *s->articles[i].title) s->title = kb_strdup(s->articles[i].title);
    for (i = 0; i < s->n_articles; i++) vec_release(&per[i]);
    free(per);
    free(r);
    vec_release(&total);
}

/* --- driver --------------------------------------------------------------- */

int summ_story(struct story *s, struct stemmer *st, const struct summ_opts *o)
{
    struct summ_opts def;
    struct work w;
    size_t i, j, m = 0, n_pick = 0, words = 0;
    size_t *cand;
    float *sim;
    double *pr, *score, thr;
    unsigned char *seen, *used;
    struct pick *picks;

    if (!o) {
        summ_opts_default(&def);
        o = &def;
    }
    thr = o->paraphrase_sim;
    for (i = 0; i < s->n_summary; i++) {
        free(s->summary[i].text);
        free(s->summary[i].sources);
    }
    free(s->summary);
    s->summary = NULL;
    s->n_summary = 0;

    memset(&w, 0, sizeof w);
    w.s = s;
    w.st = st;
    vec_dict_init(&w.dict);
    vec_init(&w.cur);
    find_voices(&w);
    read_sentences(&w);

    cand = kb_malloc((w.n + 1) * sizeof *cand);
    for (i = 0; i < w.n; i++)
        if (w.v[i].cand) cand[m++] = i;
    sim = kb_calloc(m * m + 1, sizeof *sim);
    pr = kb_calloc(m + 1, sizeof *pr);
    score = kb_calloc(m + 1, sizeof *score);
    used = kb_calloc(m + 1, 1);
    seen = kb_calloc(s->n_articles + 1, 1);
    picks = kb_calloc(o->max_sentences + 1, sizeof *picks);

    for (i = 0; i < m; i++)
        for (j = i + 1; j < m; j++)
            sim[i * m + j] = sim[j * m + i] = (float)vec_dot(&w.v[cand[i]].v, &w.v[cand[j]].v);
    if (m) lexrank(sim, m, pr);
    for (i = 0; i < m; i++) {
        size_t sup = support(&w, cand[i], thr, seen);
        double supp = w.n_canon > 1 ? (double)(sup - 1) / (double)(w.n_canon - 1) : 0;
        double pos = 1.0 / sqrt(1.0 + (double)w.v[cand[i]].idx);
        score[i] = W_CENT * pr[i] + W_SUPP * supp + W_POS * pos;
    }

    while (n_pick < o->max_sentences) {
        size_t best = SIZE_MAX;
        double best_mmr = -1e9;
        for (i = 0; i < m; i++) {
            double red = 0, mmr;
            size_t k;
            if (used[i]) continue;
            for (k = 0; k < n_pick; k++) {
                double x = sim[i * m + picks[k].sent];
                if (x > red) red = x;
            }
            if (red >= thr) { /* says what a pick already says */
                used[i] = 1;
                continue;
            }
            mmr = LAMBDA * score[i] - (1.0 - LAMBDA) * red;
            if (mmr > best_mmr) {
                best_mmr = mmr;
                best = i;
            }
        }
        if (best == SIZE_MAX) break;
        /* past the minimum, the best remaining sentence must fit the
         * budget: filling the tail with whatever short sentence still fits
         * picks fragments, so the summary ends here instead */
        if (n_pick >= o->min_sentences && words + w.v[cand[best]].words > o->word_budget) break;
        used[best] = 1;
        picks[n_pick].sent = best; /* candidate index for now */
        picks[n_pick].score = score[best];
        words += w.v[cand[best]].words;
        n_pick++;
    }
    for (i = 0; i < n_pick; i++) picks[i].sent = cand[picks[i].sent];
    for (i = 1; i < n_pick; i++) {
        struct pick p = picks[i];
        for (j = i; j > 0 && cmp_reading(&w, &p, &picks[j - 1]) < 0; j--) picks[j] = picks[j - 1];
        picks[j] = p;
    }
    for (i = 0; i < n_pick; i++) cite(&w, &picks[i], thr, seen);
    if (!s->title) make_title(&w);

    free(picks);
    free(seen);
    free(used);
    free(score);
    free(pr);
    free(sim);
    free(cand);
    for (i = 0; i < w.n; i++) vec_release(&w.v[i].v);
    free(w.v);
    free(w.voice);
    vec_release(&w.cur);
    vec_dict_release(&w.dict);
    return 0;
}
