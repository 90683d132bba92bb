/* summ.h -- extractive multi-document summary with citations.
 *
 * Scores every sentence of a story's articles by centrality in the sentence
 * similarity graph, cross-source support (how many independent articles --
 * copies of one article are one voice -- carry it or a near-paraphrase),
 * and position; picks greedily with redundancy removal (MMR) under a word
 * budget; orders the picks by time and position; and cites for each picked
 * sentence every article that contains it or a near-paraphrase of it.
 * Headings, questions and boilerplate-looking fragments are never picked. */
#ifndef KB_SUMM_H
#define KB_SUMM_H

#include <stddef.h>

#include "stem.h"
#include "story.h"

struct summ_opts {
    size_t min_sentences;  /* at least this many when the story has them (3) */
    size_t max_sentences;  /* at most (7) */
    size_t word_budget;    /* words, soft cap (120) */
    double paraphrase_sim; /* similarity for "says the same" (see summ.c) */
};

void summ_opts_default(struct summ_opts *o);

/* Fill s->summary (replacing it) and s->title when NULL, from s->articles'
 * cleaned text. st is the stemmer for similarity. o may be NULL for the
 * defaults. Returns 0. */
int summ_story(struct story *s, struct stemmer *st, const struct summ_opts *o);

/* The similarity summ_story uses between sentences i and j of texts[0..n)
 * (each texts[k] is lens[k] bytes), with the idf taken over those n
 * sentences as summ_story takes it over a story's sentences. 0 when i or j
 * is out of range. For tests and tuning of paraphrase_sim. */
double summ_pair_sim(struct stemmer *st, const char *const *texts, const size_t *lens, size_t n,
                     size_t i, size_t j);

#endif
