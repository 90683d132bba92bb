/* t_pool.c -- the worker pool: every item worked exactly once, done in
 * item order after its work, never more than the window in flight, early
 * stop, runs without done, reuse of one pool across runs, and the thread
 * count taken from KABAR_THREADS. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "pool.h"

#define MAX_ITEMS 2000
#define MAX_WINDOW 64

struct run {
    size_t n_items, window;
    size_t stop_at;              /* done returns -5 for this item; MAX_ITEMS: never */
    int sleepy;                  /* work sleeps a little, so threads overlap */
    size_t worked[MAX_ITEMS];    /* times item i was worked */
    size_t worker_of[MAX_ITEMS]; /* worker that ran item i */
    size_t value[MAX_WINDOW];    /* ring: work writes f(i) to slot i % window */
    size_t owner[MAX_WINDOW];    /* ring: the item that last wrote the slot */
    size_t next_done;            /* done: next expected item */
    size_t bad;                  /* done saw something wrong */
};

static size_t f(size_t i)
{
    return i * 2654435761u + 17;
}

static void work(void *ctx, size_t worker, size_t i)
{
    struct run *r = ctx;
    r->worked[i]++;
    r->worker_of[i] = worker;
    if (r->window) { /* 0: no done callback, so no ring to fill */
        size_t slot = i % r->window;
        r->owner[slot] = i;
        r->value[slot] = f(i);
    }
    if (r->sleepy && i % 3 == 0) {
        struct timespec ts = {0, 200000}; /* 0.2 ms */
        nanosleep(&ts, NULL);
    }
}

static int done(void *ctx, size_t i)
{
    struct run *r = ctx;
    size_t slot = i % r->window;
    /* in order, after its own work, and no later item overwrote its slot */
    if (i != r->next_done || r->worked[i] != 1 || r->owner[slot] != i || r->value[slot] != f(i))
        r->bad++;
    r->next_done = i + 1;
    return i == r->stop_at ? -5 : 0;
}

static const struct {
    size_t threads, n_items, window, stop_at;
    int sleepy;
} rows[] = {
    {1, 0, 4, MAX_ITEMS, 0},       {1, 1, 1, MAX_ITEMS, 0},      {1, 100, 1, MAX_ITEMS, 0},
    {2, 1, 8, MAX_ITEMS, 0},       {2, 500, 8, MAX_ITEMS, 1},    {3, 1000, 1, MAX_ITEMS, 0},
    {4, 2000, 16, MAX_ITEMS, 0},   {4, 300, 16, MAX_ITEMS, 1},   {8, 1999, 64, MAX_ITEMS, 1},
    {8, 7, 64, MAX_ITEMS, 0},      {2, 100, 0, MAX_ITEMS, 0},    {1, 100, 4, 0, 0},
    {3, 1000, 12, 10, 1},          {4, 2000, 16, 1999, 0},       {8, 500, 32, 250, 1},
};

static void test_ordered(void **state)
{
    size_t k, i;
    struct run *r = calloc(1, sizeof *r);

    assert_non_null(r);
    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        struct pool *p = pool_new(rows[k].threads);
        size_t window = rows[k].window ? rows[k].window : 1, expect_done;
        int rc;

        memset(r, 0, sizeof *r);
        r->n_items = rows[k].n_items;
        r->window = window;
        r->stop_at = rows[k].stop_at;
        r->sleepy = rows[k].sleepy;
        assert_int_equal(pool_size(p), rows[k].threads);
        rc = pool_run(p, r->n_items, rows[k].window, work, done, r);
        assert_int_equal(r->bad, 0);
        if (rows[k].stop_at < r->n_items) {
            assert_int_equal(rc, -5);
            expect_done = rows[k].stop_at + 1;
            /* nothing past the window was started after the stop */
            for (i = expect_done + window; i < r->n_items; i++) assert_int_equal(r->worked[i], 0);
        } else {
            assert_int_equal(rc, 0);
            expect_done = r->n_items;
            for (i = 0; i < r->n_items; i++) assert_int_equal(r->worked[i], 1);
        }
        assert_int_equal(r->next_done, expect_done);
        for (i = 0; i < r->n_items; i++) assert_true(r->worked[i] <= 1);
        pool_free(p);
    }
    free(r);
}

/* Without done every item runs once; the pool is reused across runs. */
static void test_unordered_reuse(void **state)
{
    struct run *r = calloc(1, sizeof *r);
    struct pool *p = pool_new(4);
    size_t round, i, others = 0;

    assert_non_null(r);
    for (round = 0; round < 20; round++) {
        memset(r, 0, sizeof *r);
        r->n_items = 50 + round * 37;
        r->window = 0; /* no ring: done is not used */
        r->sleepy = round % 2;
        assert_int_equal(pool_run(p, r->n_items, 0, work, NULL, r), 0);
        for (i = 0; i < r->n_items; i++) {
            assert_int_equal(r->worked[i], 1);
            assert_true(r->worker_of[i] < pool_size(p));
            if (r->worker_of[i] != 0) others++;
        }
    }
    /* with sleeping items the started threads take their share */
    assert_true(others > 0);
    pool_free(p);
    free(r);
}

static const struct {
    const char *env; /* NULL: unset */
    size_t want;     /* 0: the default (online CPUs, capped) */
} env_rows[] = {
    {"1", 1}, {"2", 2}, {"7", 7}, {"64", 64}, {"65", 0}, {"0", 0}, {"-3", 0},
    {"abc", 0}, {"4x", 0}, {"", 0}, {NULL, 0},
};

static void test_threads_env(void **state)
{
    size_t k, def;

    unsetenv("KABAR_THREADS");
    def = pool_threads();
    assert_true(def >= 1 && def <= POOL_MAX_DEFAULT);
    for (k = 0; k < sizeof env_rows / sizeof env_rows[0]; k++) {
        if (env_rows[k].env) setenv("KABAR_THREADS", env_rows[k].env, 1);
        else unsetenv("KABAR_THREADS");
        assert_int_equal(pool_threads(), env_rows[k].want ? env_rows[k].want : def);
    }
    /* pool_new(0) follows the environment */
    setenv("KABAR_THREADS", "3", 1);
    {
        struct pool *p = pool_new(0);
        assert_int_equal(pool_size(p), 3);
        pool_free(p);
    }
    unsetenv("KABAR_THREADS");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordered),
        cmocka_unit_test(test_unordered_reuse),
        cmocka_unit_test(test_threads_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
