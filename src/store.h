/* store.h -- the SQLite store: articles, stories, the FTS5 search index.
 *
 * The only module that knows SQL. Schema and migrations: docs/internals/store.md
 * (PRAGMA user_version). WAL journal, busy timeout, and every ingest batch in
 * one transaction, so a crash loses nothing already committed and a rerun
 * adds no duplicates: urls are unique, and so is the content hash among
 * canonical articles (a copy with a new url is stored with duplicate_of set).
 * The FTS5 index uses the tokenizer "kabar", registered on every connection,
 * which runs terms.h (fold, stopwords kept, stem) so queries and documents
 * agree. A store handle is not thread-safe. */
#ifndef KB_STORE_H
#define KB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "cluster.h"
#include "err.h"
#include "story.h"

struct store;

/* Schema version this build creates and migrates to (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1

/* Version of how a text becomes terms besides stemming: terms.h's
 * tokenising and folding and cluster_doc_terms' choice of terms. Bump it
 * with any change there that alters a text's terms; it is part of the
 * fingerprint below, so stores rebuild their index on the next write open. */
#define STORE_TERMS_VERSION 1

/* Open (creating and migrating as needed) the database at path. Returns NULL
 * and fills err on failure. Close with store_close. */
struct store *store_open(const char *path, struct kb_err *err);
void store_close(struct store *s);

/* How store_open_mode opens. STORE_OPEN_WRITE is store_open: create the
 * file when missing, migrate, WAL journal, and rebuild a search index made
 * with another stemmer. STORE_OPEN_READ is for commands that only read
 * (stories, story, search): the file must exist (KB_ENOTFOUND, "no database
 * at PATH (create one with 'kabar ingest')"), its schema must be exactly
 * STORE_SCHEMA_VERSION (older: KB_EDB asking to run ingest; newer: KB_EDB
 * asking to upgrade kabar), nothing is written (no migration, no journal
 * mode change, no rebuild: see store_index_stale; store_begin is refused
 * with KB_EINVAL), and a file the process may not write is opened
 * read-only (immutable when it is in WAL mode and SQLite cannot create the
 * -shm file beside it: docs/internals/store.md). */
enum store_open_mode {
    STORE_OPEN_WRITE = 0,
    STORE_OPEN_READ = 1
};
struct store *store_open_mode(const char *path, enum store_open_mode mode, struct kb_err *err);

/* The stemmer fingerprint (stem_fingerprint) is kept in meta under
 * "stemmer", with STORE_TERMS_VERSION appended, written when a write open
 * meets a database without one. A write open that finds another value on
 * a database with articles rebuilds, in one transaction, the FTS index and
 * every article's clustering terms with document frequencies, then stores
 * the new fingerprint. store_reindexed is the number of canonical articles
 * so rebuilt by the open of s (0 when nothing was rebuilt). */
int64_t store_reindexed(const struct store *s);
/* 1 when a read open found the index built with another stemmer: searches
 * then miss words whose stems changed until a write open rebuilds it. */
int store_index_stale(const struct store *s);

int store_begin(struct store *s, struct kb_err *err) KB_MUST_CHECK;
int store_commit(struct store *s, struct kb_err *err) KB_MUST_CHECK;
void store_rollback(struct store *s);

enum store_outcome {
    STORE_ADDED = 0, /* new canonical article */
    STORE_COPY = 1,  /* new url, same content as an existing article: stored as its copy */
    STORE_DUP = 2    /* url already stored: nothing written */
};

/* Store one article with its cleaned text and content hash. Sets *id to the
 * article's id (the existing one for STORE_DUP) and *outcome. */
int store_article_put(struct store *s, const struct article *a, const char *clean,
                      size_t clean_len, const char *hash, int64_t *id,
                      enum store_outcome *outcome, struct kb_err *err) KB_MUST_CHECK;

/* Clustering state. store_terms_put records an article's term counts (and
 * adds them to the document frequencies); store_cluster_load restores into c
 * the df table and every story active in [day_from, day_to] (pass
 * CLUSTER_NO_DAY for both to load all); store_story_assign links an article
 * to a story, creating the story row when needed; store_next_story_id gives
 * an unused story id. */
int store_terms_put(struct store *s, int64_t article, const struct cluster_term *t, size_t n,
                    struct kb_err *err) KB_MUST_CHECK;
int store_cluster_load(struct store *s, struct cluster *c, int64_t day_from, int64_t day_to,
                       struct kb_err *err) KB_MUST_CHECK;
int store_story_assign(struct store *s, int64_t article, int64_t story,
                       struct kb_err *err) KB_MUST_CHECK;
int store_next_story_id(struct store *s, int64_t *id, struct kb_err *err) KB_MUST_CHECK;
/* Notes on the clustering state: store_terms_put must run inside a
 * transaction, once per article (a second call is KB_EINVAL); its df and
 * document-count increments become visible to store_cluster_load only after
 * store_commit, because cluster_assign counts the open batch's documents
 * itself. store_cluster_load restores every member (with its terms) of each
 * story that has a dated article in [day_from, day_to], and df for the terms
 * of those members and of the documents recorded in the open transaction. */

/* Look up an article by url: 1 and *id when stored, 0 when not, or a
 * negative KB_E* on a database error. */
int store_article_find(struct store *s, const char *url, int64_t *id,
                       struct kb_err *err) KB_MUST_CHECK;

/* Look up the canonical article with content hash (dedup.h): 1 and *id when
 * stored, 0 when not, or a negative KB_E* on a database error. */
int store_article_find_hash(struct store *s, const char *hash, int64_t *id,
                            struct kb_err *err) KB_MUST_CHECK;

/* The story of article, or of its canonical article when it is a copy; *story
 * is 0 when not yet clustered. KB_ENOTFOUND when there is no such article. */
int store_article_story(struct store *s, int64_t article, int64_t *story,
                        struct kb_err *err) KB_MUST_CHECK;

/* Stories, most covered (distinct sites) then newest first: each comes with
 * its articles' id/url/site/title/published (no text, no summary). Fills
 * *out with an array of *n stories; free with store_stories_free. */
int store_stories_list(struct store *s, size_t limit, struct story **out, size_t *n,
                       struct kb_err *err) KB_MUST_CHECK;
void store_stories_free(struct story *v, size_t n);

/* One story with its articles (canonical and copies) and their cleaned text,
 * ready for summ_story. KB_ENOTFOUND when there is no such story. */
int store_story_load(struct store *s, int64_t id, struct story *out,
                     struct kb_err *err) KB_MUST_CHECK;

struct search_hit {
    int64_t article;  /* article id */
    int64_t story;    /* story id, 0 when not yet clustered */
    char *url;        /* owned */
    char *title;      /* owned */
    char *site;       /* owned, may be NULL */
    char *published;  /* owned, may be NULL */
    char *snippet;    /* owned; matched words wrapped in [ and ] */
    double score;     /* BM25 relevance, higher is better */
};

/* Full-text search (FTS5 BM25 over stemmed title+text; copies excluded).
 * query is free text: its words are ANDed after stemming. Results best first,
 * at most limit. Free with store_hits_free. */
int store_search(struct store *s, const char *query, size_t limit, struct search_hit **out,
                 size_t *n, struct kb_err *err) KB_MUST_CHECK;
void store_hits_free(struct search_hit *v, size_t n);

/* Counts for `kabar stories` headers and tests: canonical articles, copies
 * (duplicate_of set) and stories. Any pointer may be NULL. */
int store_counts(struct store *s, int64_t *articles, int64_t *copies, int64_t *stories,
                 struct kb_err *err) KB_MUST_CHECK;

/* The schema version (PRAGMA user_version) of the open database. */
int store_schema_version(struct store *s, int *version, struct kb_err *err) KB_MUST_CHECK;
/* PRAGMA integrity_check plus the FTS5 index check (the index holds exactly
 * the canonical articles). 0 when both pass, KB_EDB with the finding. */
int store_check(struct store *s, struct kb_err *err) KB_MUST_CHECK;

#endif
