/* cluster.h -- online, time-aware story clustering.
 *
 * Each document is a bag of terms (terms.h, stopwords dropped) plus named-
 * entity terms (CLUSTER_ENTITY_PREFIX, see cluster_doc_terms), each part
 * weighted by TF-IDF; a story is the centroid of its members. A new document
 * is compared only with the stories that share one of its highest-weighted
 * terms (an inverted index term -> stories), and only with stories active
 * within window_days of its date and younger than max_span_days; the score
 * adds the weighted entity cosine to the word cosine and decays with the days between the
 * document and the story's nearest member. The document joins the best story
 * when the score reaches threshold, otherwise it opens a new story. The
 * module is pure memory: the store persists members and document
 * frequencies, and cluster_restore rebuilds the state needed for the next
 * batch. */
#ifndef KB_CLUSTER_H
#define KB_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#define CLUSTER_NO_DAY INT64_MIN /* a document without a date */

struct cluster_opts {
    double threshold; /* score needed to join a story (tuned; see cluster.c) */
    int window_days;  /* a story accepts documents this close to its dates; 0 = no limit */
    /* added with entity overlap and time decay: */
    double half_life_days; /* score halves per this many days between the document and the
                              story's nearest member day; 0 = no decay */
    int max_span_days;     /* a story never grows to span more days than this (one event,
                              not a topic); 0 = no limit */
    double entity_weight;  /* weight of the entity cosine added to the word cosine,
                              0..1 (clamped) */
};

void cluster_opts_default(struct cluster_opts *o);

struct cluster_term {
    const char *term; /* borrowed, folded+stemmed term */
    size_t len;       /* bytes */
    uint32_t count;   /* occurrences in the document */
};

/* Terms whose bytes start with this prefix are entity terms: folded names
 * such as "E:lembah sari" (see cluster_doc_terms). terms_each never emits a
 * ':' inside a term, so they cannot collide with word terms. */
#define CLUSTER_ENTITY_PREFIX "E:"
#define CLUSTER_ENTITY_PREFIX_LEN 2

struct stemmer;

/* The document representation clustering uses, shared by every caller so
 * that `summarize` and `ingest` group articles alike: calls fn(ctx, term,
 * len, off, tok_len) for
 *   - each word term of title (may be NULL) and of text[0..len):
 *     terms_each with TERMS_NO_NUM and stemmer st;
 *   - each entity term of the text: CLUSTER_ENTITY_PREFIX + the folded
 *     words of a capitalised name, one term per adjacent pair of words in a
 *     run of capitalised words ("Kabupaten Lembah Sari" gives "E:kabupaten
 *     lembah" and "E:lembah sari"), one for a single capitalised word that
 *     does not start a sentence, one per acronym ("BPBD"), also from the
 *     title. Day and month names are not entities.
 * off/tok_len locate the source token (for entity terms, the run's first
 * word; for title terms, offsets into the title). Entity terms are at most
 * CLUSTER_ENTITY_MAX bytes. Returns 0 or fn's non-zero value. */
#define CLUSTER_ENTITY_MAX 64
int cluster_doc_terms(struct stemmer *st, const char *title, const char *text, size_t len,
                      int (*fn)(void *ctx, const char *term, size_t len, size_t off, size_t tok_len),
                      void *ctx);

struct cluster;

/* New empty clusterer; free with cluster_free. */
struct cluster *cluster_new(const struct cluster_opts *o);
void cluster_free(struct cluster *c);

/* Collection statistics for IDF. cluster_assign counts its documents itself;
 * use these to restore the counts of earlier runs. */
void cluster_set_df(struct cluster *c, const char *term, size_t len, uint64_t df);
void cluster_set_ndocs(struct cluster *c, uint64_t n);

/* Re-add a document that already belongs to `story` (from the store) without
 * changing df or n_docs. */
void cluster_restore(struct cluster *c, int64_t story, int64_t day,
                     const struct cluster_term *t, size_t n);

/* Assign a new document (day = days since epoch or CLUSTER_NO_DAY). Counts
 * it into df/n_docs, then returns the id of the story it joins, or
 * new_story_id when it opens a new story. */
int64_t cluster_assign(struct cluster *c, int64_t day, const struct cluster_term *t, size_t n,
                       int64_t new_story_id);

/* Score (word + weighted entity cosine, times time decay) of the best candidate seen
 * by the last cluster_assign (whether or not it reached the threshold), or
 * -1 when there was none. For tuning and tests. */
double cluster_last_score(const struct cluster *c);

#endif
