/* corpus.h -- the no-database path: articles in memory -> stories.
 *
 * Used by `kabar summarize`: cleans and hashes every article, folds exact
 * copies into their canonical article, clusters the rest with cluster.h,
 * and summarises each story with summ.h. Article ids are 1-based input
 * order. */
#ifndef KB_CORPUS_H
#define KB_CORPUS_H

#include <stddef.h>

#include "article.h"
#include "err.h"
#include "story.h"

struct corpus;

struct corpus *corpus_new(void);
void corpus_free(struct corpus *c);
/* Add an article (ownership taken); its id becomes its 1-based position. */
void corpus_add(struct corpus *c, struct article *a);
/* Clean, dedup, cluster and summarise. Fills *out with *n stories, most
 * covered first; free with corpus_stories_free. */
int corpus_stories(struct corpus *c, struct story **out, size_t *n, struct kb_err *err) KB_MUST_CHECK;
void corpus_stories_free(struct story *v, size_t n);

#endif
