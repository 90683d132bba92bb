/* corpus.h -- the no-database path: articles in memory -> stories.
 *
 * Used by `kabar summarize`: prepares (prep.h) every article, folds exact
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

/* Called once per article corpus_stories leaves out: origin is where it was
 * read ("FILE:LINE", else its url), why the reason (prep.h PREP_WHY_*,
 * e.g. "no text left after cleaning"). */
typedef void (*corpus_reject_fn)(void *ctx, const char *origin, const char *why);

struct corpus *corpus_new(void);
void corpus_free(struct corpus *c);
/* Add an article (ownership taken); its id becomes its 1-based position. */
void corpus_add(struct corpus *c, struct article *a);
/* Report every article corpus_stories leaves out to fn (may be NULL: then
 * they are only counted). */
void corpus_set_reject(struct corpus *c, corpus_reject_fn fn, void *ctx);
/* Articles the last corpus_stories left out (refused by prep_article). */
size_t corpus_rejected(const struct corpus *c);
/* Clean (prep.h: the same preparation as ingest), dedup, cluster and
 * summarise. An article with no text left is left out, reported and
 * counted (see corpus_set_reject). Fills *out with *n stories, most
 * covered first; free with corpus_stories_free. */
int corpus_stories(struct corpus *c, struct story **out, size_t *n, struct kb_err *err) KB_MUST_CHECK;
void corpus_stories_free(struct story *v, size_t n);

#endif
