/* ingest.h -- the write path: articles -> clean -> hash -> store -> cluster.
 *
 * Articles are buffered into batches (ingest_opts.batch). Each batch is
 * processed in one store transaction: site boilerplate lines are learned
 * from the batch together with the counts kept in the store, every article
 * is cleaned and hashed and stored (or recorded as a copy, or skipped as a
 * url already known), the new canonical articles are assigned to stories in
 * date order, and the transaction commits. A crash mid-batch loses only that
 * batch, and a rerun re-adds it without duplicates. */
#ifndef KB_INGEST_H
#define KB_INGEST_H

#include <stddef.h>

#include "article.h"
#include "err.h"
#include "store.h"

struct ingest_opts {
    size_t batch;        /* articles per transaction (default 500) */
};

struct ingest_counts {
    size_t added;      /* new canonical articles */
    size_t duplicate;  /* already stored (same url) or stored as a copy of an existing article */
    size_t copies;     /* of duplicate: stored as copies (new url, same content) */
    size_t rejected;   /* refused by ingest itself (e.g. no text left after cleaning) */
};

struct ingest;

/* New ingest session writing to s (borrowed; must outlive the session).
 * o may be NULL for defaults. Free with ingest_free (which does NOT flush). */
struct ingest *ingest_new(struct store *s, const struct ingest_opts *o, struct kb_err *err);
void ingest_free(struct ingest *in);

/* Queue one article (ownership taken). Flushes a full batch. A record refused
 * by ingest is counted as rejected and reported through err with KB_EPARSE,
 * which is not fatal; any other error is fatal (storage). */
int ingest_add(struct ingest *in, struct article *a, struct kb_err *err) KB_MUST_CHECK;
/* Process what is queued (call at the end). */
int ingest_flush(struct ingest *in, struct kb_err *err) KB_MUST_CHECK;
void ingest_get_counts(const struct ingest *in, struct ingest_counts *c);

#endif
