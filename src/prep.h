/* prep.h -- from an article as read to an article ready to store or cluster.
 *
 * One path for `ingest` (store) and `summarize` (memory): both learn the
 * site boilerplate the same way, clean, derive the title and the language,
 * hash the content, and compute the clustering terms with these functions,
 * and both refuse an article for the same reasons, named by one string.
 *
 * Use: prep_learn every article the caller can see before it cleans any of
 * them (summarize sees all its input; ingest sees the current batch plus
 * every batch before it in the session), then prep_article each one, then
 * prep_terms for the articles that are clustered (canonical ones). */
#ifndef KB_PREP_H
#define KB_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "buf.h"
#include "clean.h"
#include "cluster.h"
#include "dedup.h"
#include "err.h"

/* Why prep_article refuses an article (static strings, for messages). */
#define PREP_WHY_EMPTY "no text left after cleaning"
#define PREP_WHY_TOO_BIG "text too large to clean"

/* Terms longer than this are URLs, base64 or glued junk: they never help
 * clustering and would bloat the store's document frequencies. Indonesian
 * words stay far below it; entity terms are capped at CLUSTER_ENTITY_MAX. */
#define PREP_MAX_TERM 64

struct prep; /* the learner, stemmer and language identifier of one run */

/* The result of prep_article for one article. Embed by value; reuse across
 * articles (the text buffer keeps its allocation). */
struct prep_doc {
    struct buf text;           /* owned; the cleaned text (no NUL counted in len) */
    char hash[DEDUP_HASH_HEX]; /* dedup_hash of text, "" when refused */
    int64_t day;               /* days since 1970-01-01 of published, CLUSTER_NO_DAY if none */
    struct clean_stats stats;  /* what clean_text removed */
    const char *why;           /* static; the reason when refused (PREP_WHY_*), else NULL */
};

void prep_doc_init(struct prep_doc *d);
void prep_doc_release(struct prep_doc *d);

/* The terms of one document: distinct terms sorted bytewise, each with its
 * count, as cluster_assign and store_terms_put take them. Embed by value;
 * reuse across documents. */
struct prep_terms {
    struct cluster_term *v; /* owned array; v[i].term borrowed from arena */
    size_t n;               /* distinct terms */
    size_t cap;             /* entries allocated */
    struct buf arena;       /* owned; bytes of the terms */
    struct buf raw;         /* owned scratch: every occurrence, [len][bytes] */
};

void prep_terms_init(struct prep_terms *t);
void prep_terms_release(struct prep_terms *t);

enum {
    PREP_LANG = 1u << 0 /* detect the language of articles that declare none */
};

/* New preparation context: a clean_ctx, the Indonesian stemmer, and with
 * PREP_LANG in flags the language models when libexttextcat's are
 * installed (without them the language is simply not detected). Language
 * identification costs about as much as everything else prep does, so a
 * caller that never shows the language (summarize) leaves it out. NULL with
 * err set (KB_EIO) when the stemmer is unavailable. Free with prep_free. */
struct prep *prep_new(unsigned flags, struct kb_err *err);
void prep_free(struct prep *p);

/* A preparation context for another thread: its own stemmer and, when p
 * detects languages, its own language identifier (libexttextcat handles
 * are not shared), with p's boilerplate learner borrowed read-only. Workers
 * and p may run prep_article and prep_terms concurrently, each on its own
 * thread, as long as nobody calls prep_learn on p meanwhile; a worker gives
 * the same results as p. prep_learn on a worker is ignored (it must not
 * write to the shared learner). NULL with err set as prep_new. Free with
 * prep_free before p. */
struct prep *prep_worker(struct prep *p, struct kb_err *err);

/* The stemmer the terms are built with (summaries use the same one).
 * Owned by p, valid until prep_free. */
struct stemmer *prep_stemmer(struct prep *p);

/* Learn the lines of a's text for repeated-line detection (clean_learn on
 * a->site). A text without a visible character, or one already learned for
 * the site, teaches nothing. */
void prep_learn(struct prep *p, const struct article *a);

/* Prepare a for storing or clustering: clean its text into d->text; refuse
 * it when nothing is left (d->why = PREP_WHY_EMPTY) or the text is too
 * large to clean (PREP_WHY_TOO_BIG); set a->title from the cleaned text
 * when a has none (clean_title), and a->lang when a declares none, p was
 * made with PREP_LANG and the text is long enough to tell (lang_detect,
 * "und" is not stored); hash the
 * cleaned text (dedup_hash) and resolve published to a day number.
 * Returns 0, or KB_EPARSE when a is refused: d->why says why and err gets
 * "ORIGIN: why" (ORIGIN = a->origin, else a->url). Never fails otherwise. */
int prep_article(struct prep *p, struct article *a, struct prep_doc *d,
                 struct kb_err *err) KB_MUST_CHECK;

/* The clustering terms of an article with title (may be NULL) and cleaned
 * text[0..len): cluster_doc_terms with p's stemmer, terms longer than
 * PREP_MAX_TERM dropped, counted into t (reset first). t->v[i].term points
 * into t and is valid until the next prep_terms on t or its release.
 * Returns 0 or KB_ETOOBIG when the terms exceed a buffer cap. */
int prep_terms(struct prep *p, const char *title, const char *text, size_t len,
               struct prep_terms *t) KB_MUST_CHECK;

#endif
