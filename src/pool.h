/* pool.h -- a fixed set of worker threads for per-article work.
 *
 * Per-article work (extracting a page, cleaning, language, terms) is
 * independent from one article to the next, while what follows it (store
 * writes, clustering, printing) must happen in input order. pool_run covers
 * both: work(item) runs on any worker, done(item) runs on the calling
 * thread strictly in item order, and only a bounded window of items is in
 * flight past the last one done, so per-item state fits in a ring of
 * `window` slots and the output is the same as a sequential run's.
 *
 * A pool of n workers is the calling thread (worker 0) plus n-1 threads
 * (workers 1..n-1), started once by pool_new and parked between runs. With
 * one worker nothing is started and pool_run is the plain loop
 * "work(0), done(0), work(1), done(1), ...". */
#ifndef KB_POOL_H
#define KB_POOL_H

#include <stddef.h>

#define POOL_MAX_DEFAULT 8 /* default thread count cap: more rarely pays for article work */
#define POOL_MAX_THREADS 64 /* largest count KABAR_THREADS may ask for */

/* Runs item's work on worker (0..pool_size-1). One worker index is only
 * ever used by one thread at a time, so per-worker state indexed by worker
 * needs no locking. */
typedef void (*pool_work_fn)(void *ctx, size_t worker, size_t item);
/* Runs on the thread that called pool_run, for items 0, 1, 2, ... in
 * order, each after its work returned. Nonzero stops the run (see pool_run). */
typedef int (*pool_done_fn)(void *ctx, size_t item);

struct pool;

/* The thread count to use: KABAR_THREADS when it is a whole number in
 * 1..POOL_MAX_THREADS (1 = everything on the calling thread), else the
 * number of online CPUs capped at POOL_MAX_DEFAULT (at least 1). */
size_t pool_threads(void);

/* New pool of n workers counting the caller (0: pool_threads()). n is
 * capped at POOL_MAX_THREADS. A thread that cannot be started just leaves
 * the pool smaller (pool_size says how large it is): never NULL. Free with
 * pool_free. */
struct pool *pool_new(size_t n);
/* Stops and joins the threads. Not while a pool_run is going on. */
void pool_free(struct pool *p);
/* Workers, counting the calling thread: at least 1. */
size_t pool_size(const struct pool *p);

/* Run work for items 0..n_items-1 across the workers, the caller included.
 * done may be NULL; otherwise it is called as described above, and item i
 * is started only once item i - window is done (window 0 is taken as 1),
 * so a caller can keep item i's state in slot i % window. When done returns
 * nonzero no further item is started, the items in flight finish, done is
 * not called again, and pool_run returns that value; else 0. Everything
 * work wrote for an item is visible to done, and everything the caller
 * wrote before pool_run is visible to work (the pool's mutex orders them).
 * One pool_run at a time per pool. */
int pool_run(struct pool *p, size_t n_items, size_t window, pool_work_fn work, pool_done_fn done,
             void *ctx);

#endif
