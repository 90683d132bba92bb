/* ingest.h -- the write path: articles -> clean -> hash -> store -> cluster.
 *
 * Articles are buffered into batches (ingest_opts.batch). Each batch is
 * processed in one store transaction: site boilerplate lines are learned
 * from the batch together with the earlier batches of this session (the
 * store's copy of those counts awaits a clean.h export API), every article
 * is cleaned and hashed and stored (or recorded as a copy, or skipped as a
 * url already known), the new canonical articles are assigned to stories in
 * date order, and the transaction commits. A crash mid-batch loses only that
 * batch, and a rerun re-adds it without duplicates. Cleaning, language and
 * terms run on ingest_opts.threads threads; storing, clustering and the
 * reject callback stay on the calling thread in input order, so the store
 * and the messages are the same for any thread count. */
#ifndef KB_INGEST_H
#define KB_INGEST_H

#include <stddef.h>

#include "article.h"
#include "err.h"
#include "store.h"

struct cluster_opts;

/* Called once per record ingest refuses: origin is "FILE:LINE" (or the url),
 * why a short reason such as "no text left after cleaning". */
typedef void (*ingest_reject_fn)(void *ctx, const char *origin, const char *why);

struct ingest_opts {
    size_t batch;        /* articles per transaction (0: default 500) */
    const struct cluster_opts *cluster; /* borrowed, copied by ingest_new; NULL: defaults */
    ingest_reject_fn reject; /* may be NULL; sees every rejection (err only the first) */
    void *ctx;           /* passed to reject */
    size_t threads;      /* threads preparing articles (pool.h; 0: pool_threads(), i.e.
                            KABAR_THREADS or the online CPUs). Results do not depend on it. */
};

struct ingest_counts {
    size_t added;      /* new canonical articles */
    size_t duplicate;  /* already stored (same url; for a synthetic url, same content) or
                          stored as a copy of an existing article */
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
 * which is not fatal; any other error is fatal (storage). Refusals happen
 * when a batch is processed, so one call may report several: err holds the
 * first ("<origin>: no text left after cleaning (and N more in this batch)")
 * and opts.reject sees each. After a fatal error the batch is rolled back
 * and dropped (a rerun of the same input re-adds it). */
int ingest_add(struct ingest *in, struct article *a, struct kb_err *err) KB_MUST_CHECK;
/* Process what is queued (call at the end). Returns as ingest_add does:
 * 0, KB_EPARSE when records were refused (not fatal), or a fatal error. */
int ingest_flush(struct ingest *in, struct kb_err *err) KB_MUST_CHECK;
void ingest_get_counts(const struct ingest *in, struct ingest_counts *c);

#endif
