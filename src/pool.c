/* pool.c -- a fixed set of worker threads with in-order completion.
 *
 * Owns: the worker threads (started by pool_new, joined by pool_free), one
 * mutex and two condition variables, and the ring of "finished" flags of
 * the current run.
 *
 * One mutex guards all shared state; items are coarse (an article, a page:
 * tens of microseconds to milliseconds), so a lock per item costs nothing
 * measurable and keeps the reasoning simple (and ThreadSanitizer quiet).
 *   - An item is taken by bumping `next` under the lock, allowed while
 *     next < n_items, the run is not stopped, and (with a done callback)
 *     next < emitted + window. Its work runs unlocked.
 *   - When work(i) returns, finished[i % window] is set. No two items in
 *     flight share a slot: i + window cannot be taken before i is emitted.
 *   - The calling thread loops: emit the next item when it is finished
 *     (done runs unlocked), else take an item itself, else wait on `idle`,
 *     which a worker signals after each item. Emitting first keeps the
 *     window moving; working too means one worker needs no thread at all.
 *   - Workers sleep on `wake` while there is nothing to take; a new run, an
 *     emitted item (the window slides) and pool_free broadcast it.
 * A run ends when nothing is in flight and either every item was emitted
 * (or, without done, taken) or done asked to stop. A worker that wakes late
 * finds work == NULL and sleeps again, so it never touches a finished run. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"

struct worker {
    struct pool *pool; /* borrowed; the pool this thread serves */
    size_t index;      /* 1.. (0 is the caller of pool_run) */
};

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t wake;      /* workers: something to take, or quit */
    pthread_cond_t idle;      /* caller: an item finished */
    pthread_t *th;            /* owned; started threads */
    struct worker *w;         /* owned; one per started thread */
    size_t n_th;              /* threads started */
    int quit;                 /* pool_free: threads leave */
    /* the current run; work == NULL between runs */
    pool_work_fn work;        /* borrowed */
    pool_done_fn done;        /* borrowed; may be NULL */
    void *ctx;                /* borrowed */
    size_t n_items;
    size_t window;            /* >= 1; n_items when done is NULL */
    size_t next;              /* next item to take */
    size_t emitted;           /* items passed to done */
    size_t in_flight;         /* items taken and not finished */
    int stop;                 /* done returned nonzero */
    unsigned char *finished;  /* owned; ring of window flags */
    size_t cap_finished;      /* flags allocated */
};

size_t pool_threads(void)
{
    const char *env = getenv("KABAR_THREADS");
    long n;

    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= POOL_MAX_THREADS) return (size_t)v;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    if (n > POOL_MAX_DEFAULT) n = POOL_MAX_DEFAULT;
    return (size_t)n;
}

/* Under the lock: may an item be taken now? */
static int can_take(const struct pool *p)
{
    if (!p->work || p->stop || p->next >= p->n_items) return 0;
    return !p->done || p->next < p->emitted + p->window;
}

/* Under the lock: take one item, run it unlocked, mark it finished. */
static void run_one(struct pool *p, size_t worker)
{
    size_t i = p->next++;
    pool_work_fn work = p->work;
    void *ctx = p->ctx;

    p->in_flight++;
    pthread_mutex_unlock(&p->mu);
    work(ctx, worker, i);
    pthread_mutex_lock(&p->mu);
    p->in_flight--;
    if (p->done) p->finished[i % p->window] = 1;
}

static void *thread_main(void *arg)
{
    struct worker *w = arg;
    struct pool *p = w->pool;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && !can_take(p)) pthread_cond_wait(&p->wake, &p->mu);
        if (p->quit) break;
        run_one(p, w->index);
        pthread_cond_signal(&p->idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

struct pool *pool_new(size_t n)
{
    struct pool *p = kb_calloc(1, sizeof *p);
    size_t i;

    if (n == 0) n = pool_threads();
    if (n > POOL_MAX_THREADS) n = POOL_MAX_THREADS;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->idle, NULL);
    if (n > 1) {
        p->th = kb_calloc(n - 1, sizeof *p->th);
        p->w = kb_calloc(n - 1, sizeof *p->w);
        for (i = 0; i + 1 < n; i++) {
            p->w[p->n_th].pool = p;
            p->w[p->n_th].index = p->n_th + 1;
            /* a thread that cannot start (resource limits) only makes the
             * pool smaller: the caller always works, so it still runs */
            if (pthread_create(&p->th[p->n_th], NULL, thread_main, &p->w[p->n_th]) != 0) break;
            p->n_th++;
        }
    }
    return p;
}

void pool_free(struct pool *p)
{
    size_t i;

    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->n_th; i++) pthread_join(p->th[i], NULL);
    pthread_cond_destroy(&p->idle);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->mu);
    free(p->th);
    free(p->w);
    free(p->finished);
    free(p);
}

size_t pool_size(const struct pool *p)
{
    return p->n_th + 1;
}

/* Under the lock: is the current run over? */
static int run_over(const struct pool *p)
{
    if (p->in_flight) return 0;
    if (p->stop) return 1;
    if (p->next < p->n_items) return 0;
    return !p->done || p->emitted == p->n_items;
}

int pool_run(struct pool *p, size_t n_items, size_t window, pool_work_fn work, pool_done_fn done,
             void *ctx)
{
    int result = 0;

    if (n_items == 0) return 0;
    if (window == 0) window = 1;
    if (!done) window = n_items;
    pthread_mutex_lock(&p->mu);
    if (done && window > p->cap_finished) {
        free(p->finished);
        p->finished = kb_malloc(window);
        p->cap_finished = window;
    }
    if (done) memset(p->finished, 0, window);
    p->work = work;
    p->done = done;
    p->ctx = ctx;
    p->n_items = n_items;
    p->window = window;
    p->next = p->emitted = p->in_flight = 0;
    p->stop = 0;
    if (p->n_th) pthread_cond_broadcast(&p->wake);
    for (;;) {
        if (done && !p->stop && p->emitted < n_items && p->finished[p->emitted % window]) {
            size_t i = p->emitted;
            int rc;
            p->finished[i % window] = 0;
            pthread_mutex_unlock(&p->mu);
            rc = done(ctx, i);
            pthread_mutex_lock(&p->mu);
            p->emitted++;
            if (rc) {
                p->stop = 1;
                result = rc;
            }
            /* the window slid (or the run stopped): waiting workers look again */
            if (p->n_th) pthread_cond_broadcast(&p->wake);
        } else if (can_take(p)) {
            run_one(p, 0);
        } else if (run_over(p)) {
            break;
        } else {
            pthread_cond_wait(&p->idle, &p->mu);
        }
    }
    p->work = NULL;
    p->done = NULL;
    p->ctx = NULL;
    p->n_items = p->next = p->emitted = 0;
    pthread_mutex_unlock(&p->mu);
    return result;
}
