/* cluster.h -- online, time-aware story clustering.
 *
 * Each document is a bag of terms (terms.h, stopwords dropped) weighted by
 * TF-IDF; a story is the centroid of its members. A new document is compared
 * only with the stories that share one of its highest-weighted terms (an
 * inverted index term -> stories), and only with stories active within
 * window_days of its date; it joins the most similar story when the cosine
 * reaches threshold, otherwise it opens a new story. The module is pure
 * memory: the store persists members and document frequencies, and
 * cluster_restore rebuilds the state needed for the next batch. */
#ifndef KB_CLUSTER_H
#define KB_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#define CLUSTER_NO_DAY INT64_MIN /* a document without a date */

struct cluster_opts {
    double threshold; /* cosine needed to join a story (tuned; see cluster.c) */
    int window_days;  /* a story accepts documents this close to its dates; 0 = no limit */
};

void cluster_opts_default(struct cluster_opts *o);

struct cluster_term {
    const char *term; /* borrowed, folded+stemmed term */
    size_t len;       /* bytes */
    uint32_t count;   /* occurrences in the document */
};

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

/* Cosine of the best active candidate seen by the last cluster_assign
 * (whether or not it reached the threshold), or -1 when there was none.
 * For tuning and tests. */
double cluster_last_score(const struct cluster *c);

#endif
